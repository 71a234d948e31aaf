"""Portal pages of follow-up visits: the board, targets, plans and who is due, visits, issues, bulletins."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from followups import parties, selectors, services
from followups.choices import OPEN_STATUSES, BulletinStatus, PartyKind
from followups.documents import bulletin_pdf, figure_rows
from followups.filtersets import (
    BulletinFilterSet,
    IssueFilterSet,
    PlanItemFilterSet,
    VisitFilterSet,
    VisitPlanFilterSet,
    VisitTargetFilterSet,
)
from followups.forms import (
    BulletinEditForm,
    BulletinForm,
    IssueFinishForm,
    IssueNoteForm,
    IssueProgressForm,
    IssueReferForm,
    PlanForm,
    PlanItemAddForm,
    PlanItemChangeForm,
    RevealForm,
    VisitForm,
    VisitTargetForm,
)
from followups.models import Bulletin, Issue, PlanItem, Visit, VisitPlan, VisitTarget
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.errors import errors_to_form
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    ScopedMixin,
    StaffRequiredMixin,
)
from redcross.scoping import user_scope_prefix

PARTY_SELECT = ("volunteer__person", "donor", "member_unit", "aid_case__person")


class ServiceFormView(StaffRequiredMixin, generic.FormView):
    """A form whose `save()` calls a service; the service's errors land on the form's fields."""

    permission_action = "add"
    template_name = "portal/form.html"
    title = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {"title": self.title, **super().get_context_data(**kwargs)}

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            saved = self.save(form)
        except ValidationError as exc:
            errors_to_form(form, exc)
            return self.form_invalid(form)
        return redirect(saved.get_absolute_url())


# --- the board -----------------------------------------------------------------------------------------

class BoardView(StaffRequiredMixin, generic.TemplateView):
    """Rates against 50 % / 60 % per district, who is due and overdue, issues by status and age, bulletins."""

    template_name = "followups/board.html"
    model = Visit

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            year = int(self.request.GET.get("year") or timezone.localdate().year)
        except ValueError:
            year = timezone.localdate().year
        data = selectors.board(user=self.request.user, year=year)
        for entry in data["districts"]:
            entry["bars"] = [{"kind": kind, "label": PartyKind(kind).label, **entry[kind]}
                             for kind in data["kinds"] if kind in entry]
        context.update(data, title=_("Follow-up visit board"))
        return context


# --- targets -------------------------------------------------------------------------------------------

class TargetListView(PortalListView):
    model = VisitTarget
    filterset_class = VisitTargetFilterSet
    title = _("Visit targets")
    columns = [("year", _("Year")), ("organization__name", _("Organisation")), ("party_kind", _("Kind of party")),
               ("rate", _("Target rate (%)")), ("eligibility", _("Who is eligible")),
               ("within_years", _("Within the last (years)"))]
    sortable = ("year", "rate")
    default_sort = ("-year", "region_id", "party_kind")
    select_related = ("organization",)
    create_url_name = "followups:target_create"
    export_name = "followup-targets"
    link_rows = False


class TargetCreateView(PortalCreateView):
    model = VisitTarget
    form_class = VisitTargetForm
    success_message = _("Visit target saved.")

    def save(self, form):
        return services.target_save(actor=self.request.user, **form.cleaned_data)


# --- plans ---------------------------------------------------------------------------------------------

class PlanListView(PortalListView):
    model = VisitPlan
    filterset_class = VisitPlanFilterSet
    title = _("Visit plans")
    columns = [("title", _("Plan")), ("organization__name", _("Organisation")), ("year", _("Year")),
               ("period", _("Period")), ("starts_on", _("Starts on")), ("ends_on", _("Ends on")),
               ("status", _("Status"))]
    sortable = ("year", "starts_on")
    default_sort = ("-year", "-starts_on", "-id")
    select_related = ("organization",)
    create_url_name = "followups:plan_create"
    export_name = "followup-plans"


class PlanCreateView(ServiceFormView):
    model = VisitPlan
    form_class = PlanForm
    title = _("New visit plan")

    def save(self, form):
        data = form.cleaned_data
        plan = services.plan_create(actor=self.request.user, year=data["year"], period=data["period"],
                                    visitors=list(data["visitors"]))
        if data["generate"]:
            added = services.plan_generate(plan=plan, actor=self.request.user)
            messages.success(self.request, _("Plan created; %(n)s people and bodies are due.") % {"n": added})
        else:
            messages.success(self.request, _("Plan created."))
        return plan


class PlanDetailView(PortalDetailView):
    model = VisitPlan
    template_name = "followups/plan_detail.html"
    fields = [("organization__name", _("Organisation")), ("year", _("Year")), ("period", _("Period")),
              ("starts_on", _("Starts on")), ("ends_on", _("Ends on")), ("status", _("Status"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        state = self.request.GET.get("state", "")
        items = plan.items.select_related(*PARTY_SELECT, "visitor", "visit").order_by("visit_id", "due_on", "id")
        today = timezone.localdate()
        if state == "due":
            items = items.filter(visit__isnull=True, due_on__gte=today)
        elif state == "overdue":
            items = items.filter(visit__isnull=True, due_on__lt=today)
        elif state == "visited":
            items = items.filter(visit__isnull=False)
        counts = selectors.plan_counts(plan, today=today)
        context.update(items=items[:300], counts=counts, state=state, today=today,
                       visitors=plan.visitors.all(),
                       can_change=self.request.user.has_perm("followups.change_visitplan"),
                       add_form=PlanItemAddForm(), change_form=PlanItemChangeForm(plan=plan),
                       done_rate=round(100 * counts["visited"] / counts["total"], 1) if counts["total"] else 0)
        return context


def _plan_item(plan, request, data, **extra):
    item = get_object_or_404(PlanItem, pk=request.POST.get("item"), plan=plan)
    return {"item": item, **data, **extra}


class PlanActionView(PortalActionView):
    """POST-only: fill the due list, add someone by hand, remove or reschedule an item."""

    model = VisitPlan
    actions = {
        "generate": Action(services.plan_generate, arguments=lambda plan, request, data: {"plan": plan},
                           message=lambda added: _("%(n)s people and bodies added to the due list.") % {"n": added}),
        "add": Action(services.plan_item_add, form=PlanItemAddForm,
                      arguments=lambda plan, request, data: {"plan": plan, **data},
                      message=_("Added to the due list.")),
        "change": Action(services.plan_item_change, form=PlanItemChangeForm, arguments=_plan_item,
                         message=_("Due date and visitor saved.")),
        "remove": Action(services.plan_item_change,
                         arguments=lambda plan, request, data: _plan_item(plan, request, data, remove=True),
                         message=_("Removed from the due list.")),
    }

    def get_form(self, action):
        if action.form is PlanItemChangeForm:
            return PlanItemChangeForm(self.request.POST, plan=self.object)
        return super().get_form(action)


class DueListView(PortalListView):
    """Everyone due for a visit, across plans: filter overdue, or only those assigned to me."""

    model = PlanItem
    filterset_class = PlanItemFilterSet
    title = _("Who is due for a visit")
    columns = [("party_name", _("Person or body")), ("party_kind", _("Kind of party")), ("plan", _("Plan")),
               ("visitor", _("Assigned visitor")), ("due_on", _("Visit due by")), ("visit", _("Visit"))]
    sortable = ("due_on",)
    default_sort = ("due_on", "id")
    select_related = (*PARTY_SELECT, "plan", "visitor", "visit")
    export_name = "followup-due"


# --- visits --------------------------------------------------------------------------------------------

class VisitListView(PortalListView):
    model = Visit
    filterset_class = VisitFilterSet
    title = _("Visits")
    columns = [("visited_on", _("Visited on")), ("party_name", _("Person or body")),
               ("party_kind", _("Kind of party")), ("method", _("Visit method")),
               ("organization__name", _("Visiting organisation")), ("region__name", _("Region")),
               ("satisfaction", _("Satisfaction (1–5)"))]
    sortable = ("visited_on", "satisfaction")
    default_sort = ("-visited_on", "-id")
    select_related = (*PARTY_SELECT, "organization", "region")
    create_url_name = "followups:visit_create"
    export_name = "followup-visits"


class VisitCreateView(ServiceFormView):
    """Record a visit; reached from a plan's due list (`?item=`) or by kind and id, with a finder by name."""

    model = Visit
    form_class = VisitForm
    template_name = "followups/visit_form.html"

    def plan_item(self):
        pk = self.request.GET.get("item") or self.request.POST.get("item")
        if not pk or not str(pk).isdigit():
            return None
        return get_object_or_404(PlanItem.objects.within(self.request.user).select_related(*PARTY_SELECT), pk=pk)

    def get_initial(self):
        initial = super().get_initial()
        item = self.plan_item()
        if item is not None:
            initial.update(party_kind=item.party_kind, party_id=item.party_id)
        elif self.request.GET.get("kind") in PartyKind.values and self.request.GET.get("party", "").isdigit():
            initial.update(party_kind=self.request.GET["kind"], party_id=int(self.request.GET["party"]))
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.request.GET.get("kind") or PartyKind.CARING_ENTERPRISE
        found = []
        if kind in PartyKind.values and "q" in self.request.GET:
            prefix = user_scope_prefix(self.request.user) or "-"
            found = [{"pk": r.pk, "kind": kind, "name": str(r) if kind not in ("volunteer", "team_member",
                                                                                   "aided_person")
                      else r.person.masked_name} for r in parties.search(kind, self.request.GET.get("q", ""),
                                                                         prefix=prefix)]
        context.update(title=_("Record a visit"), item=self.plan_item(), found=found, kinds=PartyKind.choices,
                       kind=kind, q=self.request.GET.get("q", ""))
        return context

    def save(self, form):
        data = dict(form.cleaned_data)
        title = data.pop("issue_title").strip()
        category, department, due_on = (data.pop("issue_category"), data.pop("issue_department"),
                                        data.pop("issue_due_on"))
        issues = [{"title": title, "category": category or "other", "department": department, "due_on": due_on}] \
            if title else []
        visit = services.visit_record(actor=self.request.user, plan_item=self.plan_item(),
                                      visitors=list(data.pop("visitors")), issues=issues, **data)
        messages.success(self.request, _("Visit recorded."))
        return visit


class VisitDetailView(PortalDetailView):
    model = Visit
    template_name = "followups/visit_detail.html"
    fields = [("party_name", _("Person or body")), ("party_kind", _("Kind of party")), ("method", _("Visit method")),
              ("visited_on", _("Visited on")), ("organization__name", _("Visiting organisation")),
              ("region__name", _("Region")), ("companions", _("Other visitors")),
              ("difficulties_text", _("Difficulties in their words")),
              ("suggestions", _("Suggestions on Red Cross work")), ("satisfaction", _("Satisfaction (1–5)")),
              ("is_typical", _("Typical case for the bulletin"))]

    def get_queryset(self):
        return super().get_queryset().select_related(*PARTY_SELECT, "organization", "region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visit = self.object
        context.update(
            issues=visit.issues.order_by("id"), visitors=visit.visitors.all(),
            difficulties=[label for value, label in visit._meta.get_field("difficulties").base_field.choices
                          if value in visit.difficulties],
            has_notes=bool(visit.notes_encrypted), reveal_form=RevealForm(),
            can_reveal=self.request.user.has_perm("people.reveal_personal_data"),
            notes=self.request.session.pop(f"followups-notes-{visit.pk}", None),
        )
        return context


class VisitNotesView(PortalActionView):
    """Read the encrypted notes once, with a reason that is logged; they show on the visit's page."""

    model = Visit
    actions = {"": Action(services.visit_notes, form=RevealForm, permission="followups.view_visit",
                          message=_("The notes are shown below; this reading is logged."))}

    def return_to(self, obj, result=None):
        if result is not None:
            self.request.session[f"followups-notes-{obj.pk}"] = result
        return obj.get_absolute_url()


class PartyHistoryView(StaffRequiredMixin, generic.TemplateView):
    """The visits to one volunteer, donor, member unit or aid case: `/portal/followups/history/<kind>/<id>/`."""

    model = Visit
    template_name = "followups/party_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = kwargs["kind"]
        if kind not in PartyKind.values:
            raise Http404
        party = parties.get_party(kind, kwargs["pk"])
        if party is None or not (user_scope_prefix(self.request.user) is not None
                                 and parties.region_of(kind, party).startswith(user_scope_prefix(self.request.user))):
            raise Http404
        visits = selectors.visit_history(kind=kind, pk=party.pk, user=self.request.user)
        context.update(title=_("Visit history"), visits=visits, kind=kind, party=party,
                       party_label=PartyKind(kind).label)
        return context


# --- issues --------------------------------------------------------------------------------------------

class IssueListView(PortalListView):
    model = Issue
    filterset_class = IssueFilterSet
    title = _("Issues raised")
    columns = [("title", _("Problem")), ("category", _("Category")), ("status", _("Status")),
               ("department", _("Referred to")), ("due_on", _("Settle by")), ("opened_at", _("Opened at")),
               ("organization__name", _("Owner organisation")), ("escalated_to__name", _("Escalated to"))]
    sortable = ("due_on", "opened_at")
    default_sort = ("-opened_at", "-id")
    select_related = ("organization", "escalated_to")
    export_name = "followup-issues"


class IssueDetailView(PortalDetailView):
    model = Issue
    template_name = "followups/issue_detail.html"
    fields = [("category", _("Category")), ("status", _("Status")), ("description", _("Description")),
              ("organization__name", _("Owner organisation")), ("department", _("Referred to")),
              ("due_on", _("Settle by")), ("opened_at", _("Opened at")), ("closed_at", _("Finished at")),
              ("resolution", _("Result")), ("feedback", _("The visited party's feedback")),
              ("feedback_satisfaction", _("Feedback satisfaction (1–5)")), ("escalated_to__name", _("Escalated to")),
              ("escalated_at", _("Escalated at"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.object
        context.update(activities=issue.activities.select_related("actor"), visit=issue.visit,
                       is_open=issue.status in OPEN_STATUSES,
                       can_change=self.request.user.has_perm("followups.change_issue"),
                       refer_form=IssueReferForm(initial={"department": issue.department, "due_on": issue.due_on}),
                       note_form=IssueNoteForm(), finish_form=IssueFinishForm(),
                       **selectors.issue_durations(issue))
        return context


class IssueActionView(PortalActionView):
    """POST-only: refer to a department, mark in progress, add a note, finish with the party's feedback."""

    model = Issue
    actions = {
        "refer": Action(services.issue_refer, form=IssueReferForm, message=_("Issue updated.")),
        "progress": Action(services.issue_progress, form=IssueProgressForm, message=_("Issue updated.")),
        "note": Action(services.issue_note, form=IssueNoteForm, message=_("Issue updated.")),
        "finish": Action(services.issue_finish, form=IssueFinishForm, message=_("Issue updated.")),
    }


# --- bulletins -----------------------------------------------------------------------------------------

class BulletinListView(PortalListView):
    model = Bulletin
    filterset_class = BulletinFilterSet
    title = _("Bulletins (信息专报)")
    columns = [("title", _("Title")), ("organization__name", _("Organisation")), ("year", _("Year")),
               ("number", _("Number")), ("version", _("Version")), ("period_start", _("Period from")),
               ("period_end", _("Period to")), ("status", _("Status")), ("published_at", _("Published at"))]
    sortable = ("year", "number", "published_at")
    default_sort = ("-year", "-number", "-version", "-id")
    select_related = ("organization",)
    create_url_name = "followups:bulletin_create"
    export_name = "followup-bulletins"


class BulletinCreateView(ServiceFormView):
    model = Bulletin
    form_class = BulletinForm
    title = _("New bulletin (信息专报)")

    def save(self, form):
        bulletin = services.bulletin_draft(actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Draft written from the period's visits; check it, then submit."))
        return bulletin


class BulletinDetailView(PortalDetailView):
    model = Bulletin
    template_name = "followups/bulletin_detail.html"
    fields = [("organization__name", _("Organisation")), ("year", _("Year")), ("number", _("Number")),
              ("version", _("Version")), ("period_start", _("Period from")), ("period_end", _("Period to")),
              ("status", _("Status")), ("published_at", _("Published at"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bulletin = self.object
        live = None
        if bulletin.status != BulletinStatus.PUBLISHED and bulletin.status != BulletinStatus.SUPERSEDED:
            live = selectors.bulletin_figures(prefix=bulletin.organization.region.prefix,
                                              start=bulletin.period_start, end=bulletin.period_end)
        figures = bulletin.figures if live is None else live
        context.update(figure_rows=figure_rows(figures), districts=figures.get("districts", []),
                       frozen=live is None, included=bulletin.includes.select_related("organization"),
                       included_in=bulletin.included_in.select_related("organization"),
                       corrections=bulletin.corrections.all(),
                       can_change=self.request.user.has_perm("followups.change_bulletin"),
                       edit_form=BulletinEditForm(instance=bulletin) if bulletin.status == BulletinStatus.DRAFT
                       else None)
        return context


class BulletinActionView(PortalActionView):
    """POST-only: edit a draft, submit, publish (numbered, figures frozen), draft a correction (a new version)."""

    model = Bulletin
    follow_result = True  # a correction opens on its own page
    actions = {
        "edit": Action(services.bulletin_edit, form=BulletinEditForm, message=_("Draft saved.")),
        "submit": Action(services.bulletin_submit, message=_("Submitted for publication.")),
        "publish": Action(services.bulletin_publish,
                          message=lambda bulletin: _("Published as number %(n)s; its figures are now frozen.")
                          % {"n": bulletin.number}),
        "correct": Action(services.bulletin_correct,
                          message=lambda bulletin: _("A correction was drafted as version %(v)s.")
                          % {"v": bulletin.version}),
    }


class BulletinPdfView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    model = Bulletin

    def get(self, request, *args, **kwargs):
        bulletin = self.get_object()
        if bulletin.status not in (BulletinStatus.PUBLISHED, BulletinStatus.SUPERSEDED) and \
                not request.user.has_perm("followups.change_bulletin"):
            raise PermissionDenied
        response = HttpResponse(bulletin_pdf(bulletin), content_type="application/pdf")
        name = f"bulletin-{bulletin.year}-{bulletin.number or 'draft'}-v{bulletin.version}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response

