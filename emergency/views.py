"""Portal pages of emergency response: the readiness matrix, teams, stock, plans, alerts, the incident room and
mutual aid. Every list is scoped and exports to Excel and CSV; every write goes through emergency.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import generic

from emergency import forms, selectors, services
from emergency.choices import Readiness, TeamType
from emergency.filtersets import (
    AlertNoticeFilterSet,
    IncidentFilterSet,
    MutualAidFilterSet,
    PlanFilterSet,
    StockLotFilterSet,
    StockMovementFilterSet,
    TeamFilterSet,
    TeamRequirementFilterSet,
    WarehouseFilterSet,
)
from emergency.models import (
    Alert,
    AlertNotice,
    Incident,
    IncidentTask,
    MutualAid,
    Plan,
    StockLot,
    StockMinimum,
    StockMovement,
    StockRequest,
    Team,
    TeamMember,
    TeamRequirement,
    TeamStandard,
    Warehouse,
)
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    PortalUpdateView,
    ScopedMixin,
    StaffRequiredMixin,
)


def _errors(request, exc):
    for message in exc.messages:
        messages.error(request, message)


class ActionView(StaffRequiredMixin, ScopedMixin, generic.detail.SingleObjectMixin, generic.View):
    """POST-only actions on one object: `act_<action>(obj)` returns a success message; errors become messages."""

    permission_action = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        handler = getattr(self, "act_" + kwargs["action"].replace("-", "_"), None)
        if handler is None:
            raise Http404
        try:
            done = handler(obj)
            if done:
                messages.success(request, done)
        except ValidationError as exc:
            _errors(request, exc)
        return redirect(self.request.POST.get("next") or obj.get_absolute_url())

    def form(self, form_class, **kwargs):
        form = form_class(self.request.POST, **kwargs)
        if not form.is_valid():
            raise ValidationError([f"{form.fields[name].label}: {error}" if name in form.fields else error
                                   for name, errs in form.errors.items() for error in errs])
        return form.cleaned_data


# --- readiness matrix and teams -------------------------------------------------------------

def _last_run():
    from datetime import datetime

    from django.core.cache import cache

    value = cache.get(services.READINESS_RUN_KEY)
    return datetime.fromisoformat(value) if value else None


class MatrixView(StaffRequiredMixin, generic.TemplateView):
    """District × six types, coloured by readiness; a cell opens the teams behind it."""

    model = Team
    template_name = "emergency/matrix.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.readiness_matrix(user=self.request.user)
        totals = selectors.readiness_totals(user=self.request.user)
        all_teams = sum(totals.values())
        context.update(
            title=_("Emergency-team readiness"), rows=rows, types=TeamType.choices, totals=totals,
            shares={k: round(100 * v / all_teams, 1) if all_teams else 0 for k, v in totals.items()},
            all_teams=all_teams, colours=Readiness.choices,
            computed_at=_last_run(),
        )
        return context


class TeamListView(PortalListView):
    model = Team
    filterset_class = TeamFilterSet
    title = _("Response teams")
    columns = [("name", _("Name")), ("team_type", _("Team type")), ("region__name", _("Region")),
               ("organization__name", _("Organisation")), ("level", _("Level")), ("founded_on", _("Founded on")),
               ("standby", _("Standby status")), ("readiness", _("Readiness"))]
    sortable = ("name", "founded_on", "region__name", "readiness")
    default_sort = ("region_id", "team_type", "name")
    select_related = ("region", "organization")
    create_url_name = "emergency:team_create"
    export_name = "emergency-teams"


class TeamCreateView(PortalCreateView):
    model = Team
    form_class = forms.TeamForm
    success_message = _("Team saved; its readiness is being computed.")

    def save(self, form):
        return services.team_save(actor=self.request.user, **form.cleaned_data)


class TeamUpdateView(PortalUpdateView):
    model = Team
    form_class = forms.TeamForm
    success_message = _("Team saved; its readiness is being computed.")

    def save(self, form):
        return services.team_save(actor=self.request.user, team=Team.objects.get(pk=self.object.pk),
                                  **form.cleaned_data)


class TeamDetailView(PortalDetailView):
    model = Team
    template_name = "emergency/team_detail.html"
    edit_url_name = "emergency:team_edit"
    fields = [("team_type", _("Team type")), ("organization__name", _("Organisation")), ("region__name", _("Region")),
              ("level", _("Level")), ("founded_on", _("Founded on")), ("standby", _("Standby status")),
              ("readiness_at", _("Readiness since"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team = self.object
        can_change = self.request.user.has_perm("emergency.change_team")
        context.update(
            members=team.members.select_related("volunteer__person").order_by("left_on", "role", "id"),
            equipment=team.equipment.all(), drills=team.drills.prefetch_related("participants__person")[:20],
            standard=TeamStandard.objects.filter(team_type=team.team_type).first(), today=timezone.localdate(),
            deployments=team.deployments.select_related("incident")[:10],
            member_form=forms.MemberAddForm(user=self.request.user) if can_change else None,
            equipment_form=forms.EquipmentForm() if can_change else None,
            drill_form=forms.DrillForm(team=team) if can_change else None,
        )
        return context


class TeamActionView(ActionView):
    model = Team

    def act_member_add(self, team):
        data = self.form(forms.MemberAddForm, user=self.request.user)
        member = services.member_add(actor=self.request.user, team=team, volunteer=data["volunteer"],
                                     role=data["role"], joined_on=data["joined_on"])
        return _("%(name)s joined the team.") % {"name": member.volunteer.person.masked_name}

    def act_member_leave(self, team):
        member = get_object_or_404(TeamMember, pk=self.request.POST.get("member"), team=team)
        services.member_leave(actor=self.request.user, member=member)
        return _("%(name)s left the team.") % {"name": member.volunteer.person.masked_name}

    def act_equipment(self, team):
        data = self.form(forms.EquipmentForm)
        services.equipment_save(actor=self.request.user, team=team, **data)
        return _("Equipment recorded.")

    def act_drill(self, team):
        from volunteers.models import Volunteer

        data = self.form(forms.DrillForm, team=team)
        people = list(Volunteer.objects.filter(pk__in=data.pop("participants")).select_related("person"))
        services.drill_record(actor=self.request.user, team=team, participants=people, **data)
        return _("Drill recorded; the participants' hours are confirmed.")

    def act_recompute(self, team):
        services.readiness_recompute(team_ids=[team.pk])
        return _("Readiness recomputed.")


class StandardListView(StaffRequiredMixin, generic.ListView):
    """The standard per team type: data the city edits."""

    model = TeamStandard
    template_name = "emergency/standards.html"

    def get_context_data(self, **kwargs):
        from training.choices import CourseKind

        context = super().get_context_data(**kwargs)
        kinds = dict(CourseKind.choices)
        for standard in context["object_list"]:
            standard.course_labels = [kinds.get(k, k) for k in standard.required_course_kinds]
        context.update(title=_("Team standards"),
                       can_edit=self.request.user.has_perm("emergency.change_teamstandard"))
        return context


class StandardUpdateView(StaffRequiredMixin, generic.UpdateView):
    model = TeamStandard
    permission_action = "change"
    template_name = "portal/form.html"
    fields = ["min_members", "drill_interval_days", "notes"]

    def get_form(self, form_class=None):
        from django import forms as django_forms

        from training.choices import CourseKind

        form = super().get_form(form_class)
        form.fields["required_course_kinds"] = django_forms.MultipleChoiceField(
            label=_("Required certificates"), choices=CourseKind.choices, required=False,
            widget=django_forms.CheckboxSelectMultiple, initial=self.object.required_course_kinds)
        form.fields["kit"] = django_forms.CharField(label=_("Kit list"), required=False,
                                                    help_text=_("One kind of equipment a line."),
                                                    widget=django_forms.Textarea(attrs={"rows": 4}),
                                                    initial="\n".join(self.object.kit))
        return form

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.standard_save(actor=self.request.user, standard=TeamStandard.objects.get(pk=self.object.pk),
                                   min_members=data["min_members"], drill_interval_days=data["drill_interval_days"],
                                   notes=data["notes"], required_course_kinds=data["required_course_kinds"],
                                   kit=data["kit"].splitlines())
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Standard saved; readiness of these teams is being recomputed."))
        return redirect("emergency:standard_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(name)s") % {"name": self.object}
        return context


class RequirementListView(PortalListView):
    model = TeamRequirement
    filterset_class = TeamRequirementFilterSet
    title = _("Requirement matrix")
    columns = [("region__name", _("District")), ("team_type", _("Team type")), ("min_teams", _("Teams required"))]
    sortable = ("region__name",)
    default_sort = ("region_id", "team_type")
    select_related = ("region",)
    export_name = "emergency-requirements"
    link_rows = False


# --- relief stock ---------------------------------------------------------------------------

class WarehouseListView(PortalListView):
    model = Warehouse
    filterset_class = WarehouseFilterSet
    columns = [("name", _("Name")), ("region__name", _("Region")), ("organization__name", _("Organisation")),
               ("address", _("Address")), ("is_active", _("Active"))]
    sortable = ("name", "region__name")
    default_sort = ("region_id", "name")
    select_related = ("region", "organization")
    create_url_name = "emergency:warehouse_create"
    export_name = "emergency-warehouses"


class WarehouseCreateView(PortalCreateView):
    model = Warehouse
    form_class = forms.WarehouseForm
    success_message = _("Warehouse saved.")

    def save(self, form):
        return services.warehouse_save(actor=self.request.user, **form.cleaned_data)


class WarehouseDetailView(PortalDetailView):
    model = Warehouse
    template_name = "emergency/warehouse_detail.html"
    fields = [("organization__name", _("Organisation")), ("region__name", _("Region")), ("address", _("Address")),
              ("is_active", _("Active"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        store = self.object
        can = self.request.user.has_perm("emergency.change_stocklot")
        minimums = {m.item_id: m for m in selectors.with_on_hand(StockMinimum.objects.filter(warehouse=store))}
        context.update(
            lots=store.lots.filter(quantity__gt=0).select_related("item", "donation").order_by("item__code",
                                                                                               "expires_on"),
            minimums=minimums.values(), today=timezone.localdate(),
            soon=timezone.localdate() + timezone.timedelta(days=90),
            movements=StockMovement.objects.filter(lot__warehouse=store).select_related("lot__item")[:30],
            receive_form=forms.ReceiveForm() if can else None, issue_form=forms.IssueForm() if can else None,
            minimum_form=forms.MinimumForm() if can else None,
        )
        return context


class WarehouseActionView(ActionView):
    model = Warehouse

    def act_receive(self, store):
        data = self.form(forms.ReceiveForm, user=self.request.user)
        lot = services.stock_receive(actor=self.request.user, warehouse=store, **data)
        return _("Received %(quantity)s %(unit)s of %(item)s.") % {
            "quantity": f"{lot.quantity.normalize():f}", "unit": lot.item.unit, "item": lot.item.name}

    def act_issue(self, store):
        data = self.form(forms.IssueForm)
        moves = services.stock_issue(actor=self.request.user, warehouse=store, **data)
        return _("Issued from %(n)s lots, earliest expiry first.") % {"n": len(moves)}

    def act_minimum(self, store):
        data = self.form(forms.MinimumForm)
        services.minimum_set(actor=self.request.user, warehouse=store, **data)
        return _("Minimum level saved.")

    def act_adjust(self, store):
        data = self.form(forms.AdjustForm)
        lot = get_object_or_404(StockLot, pk=data["lot"], warehouse=store)
        services.stock_adjust(actor=self.request.user, lot=lot, quantity=data["quantity"], reason=data["reason"])
        return _("Adjustment recorded in the ledger.")


class StockLotListView(PortalListView):
    """Stock by lot: `?expires_within=90` the lots to use first; the export is the stocktake sheet."""

    model = StockLot
    filterset_class = StockLotFilterSet
    title = _("Relief stock")
    template_name = "emergency/stock.html"
    columns = [("item__name", _("Item")), ("batch", _("Batch")), ("warehouse__name", _("Warehouse")),
               ("quantity", _("Quantity")), ("item__unit", _("Unit")), ("expires_on", _("Expires on")),
               ("received_on", _("Received on")), ("donation", _("In-kind gift"))]
    sortable = ("expires_on", "quantity", "received_on")
    default_sort = ("expires_on", "id")
    select_related = ("item", "warehouse", "donation")
    export_name = "emergency-stock"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            below=selectors.below_minimum(StockMinimum.objects.within(user))[:50],
            expiring=selectors.expiring_lots(StockLot.objects.within(user).select_related("item", "warehouse"),
                                             within_days=90)[:50],
            totals=selectors.stock_totals(user=user), today=timezone.localdate())
        return context


class StockMovementListView(PortalListView):
    model = StockMovement
    filterset_class = StockMovementFilterSet
    title = _("Stock ledger")
    columns = [("created_at", _("At")), ("kind", _("Kind")), ("lot__item__name", _("Item")),
               ("lot__batch", _("Batch")), ("lot__warehouse__name", _("Warehouse")), ("quantity", _("Quantity")),
               ("balance_after", _("Balance after")), ("reason", _("Reason")),
               ("stock_request__incident", _("Incident"))]
    sortable = ("created_at",)
    default_sort = ("-id",)
    select_related = ("lot__item", "lot__warehouse", "stock_request__incident")
    export_name = "emergency-ledger"


# --- plans ----------------------------------------------------------------------------------

class PlanListView(PortalListView):
    model = Plan
    filterset_class = PlanFilterSet
    title = _("Response-plan library")
    columns = [("title", _("Title")), ("hazard_class", _("Hazard class")), ("hazard", _("Hazard")),
               ("level", _("Response level")), ("region__name", _("Region")), ("version", _("Version")),
               ("is_active", _("In force"))]
    sortable = ("title", "version")
    default_sort = ("hazard_class", "hazard", "level", "-version")
    select_related = ("region",)
    create_url_name = "emergency:plan_create"
    export_name = "emergency-plans"


class PlanCreateView(PortalCreateView):
    model = Plan
    form_class = forms.PlanForm
    success_message = _("Plan saved.")

    def save(self, form):
        data = dict(form.cleaned_data)
        steps = data.pop("steps_text")
        return services.plan_save(actor=self.request.user, steps=steps, **data)


class PlanDetailView(PortalDetailView):
    model = Plan
    template_name = "emergency/plan_detail.html"
    fields = [("hazard_class", _("Hazard class")), ("hazard", _("Hazard")), ("level", _("Response level")),
              ("region__name", _("Region")), ("organization__name", _("Organisation")), ("version", _("Version")),
              ("is_active", _("In force")), ("summary", _("Summary"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(steps=self.object.steps.all(), incidents=self.object.incidents.all()[:10])
        return context


# --- alerts ---------------------------------------------------------------------------------

class AlertNoticeListView(PortalListView):
    """Alerts sent to the organisations of the user's area, unacknowledged first."""

    model = AlertNotice
    filterset_class = AlertNoticeFilterSet
    title = _("Alerts")
    columns = [("alert__title", _("Alert")), ("alert__colour", _("Colour level")),
               ("alert__source", _("Source agency")),
               ("organization__name", _("Organisation")), ("notified_at", _("Notified at")),
               ("acknowledged_at", _("Acknowledged at")), ("alert__valid_until", _("Valid until"))]
    sortable = ("notified_at", "acknowledged_at")
    select_related = ("alert", "organization")
    export_name = "emergency-alerts"

    def get_queryset(self):
        queryset = super().get_queryset()
        if not self.request.GET.get("sort"):
            from django.db.models import F

            queryset = queryset.order_by(F("acknowledged_at").asc(nulls_first=True), "-notified_at", "-id")
        return queryset


class AlertDetailView(PortalDetailView):
    model = Alert
    template_name = "emergency/alert_detail.html"
    fields = [("source", _("Source agency")), ("source_id", _("Source's own id")), ("hazard_class", _("Hazard class")),
              ("hazard", _("Hazard")), ("colour", _("Colour level")), ("message", _("Message")),
              ("valid_from", _("Valid from")), ("valid_until", _("Valid until")), ("posted_at", _("Posted at"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            regions=self.object.regions.all(),
            notices=AlertNotice.objects.within(user).filter(alert=self.object).select_related(
                "organization", "acknowledged_by").order_by("acknowledged_at", "organization__region_id"),
            can_ack=user.has_perm("emergency.change_alertnotice"),
            can_open=user.has_perm("emergency.add_incident"),
            plans=Plan.objects.within(user).filter(is_active=True, hazard_class=self.object.hazard_class)[:10],
        )
        return context


class AlertActionView(ActionView):
    model = Alert

    def get_required_permission(self):
        return "emergency.change_alertnotice"

    def act_acknowledge(self, alert):
        notice = get_object_or_404(AlertNotice.objects.within(self.request.user), pk=self.request.POST.get("notice"),
                                   alert=alert)
        services.alert_acknowledge(actor=self.request.user, notice=notice)
        return _("Acknowledged for %(organization)s.") % {"organization": notice.organization.name}


# --- incidents ------------------------------------------------------------------------------

class IncidentListView(PortalListView):
    model = Incident
    filterset_class = IncidentFilterSet
    columns = [("title", _("Title")), ("hazard", _("Hazard")), ("level", _("Response level")),
               ("region__name", _("Main region")), ("status", _("Status")), ("opened_at", _("Opened at")),
               ("closed_at", _("Closed at"))]
    sortable = ("opened_at", "title")
    default_sort = ("-opened_at", "-id")
    select_related = ("region",)
    create_url_name = "emergency:incident_create"
    export_name = "emergency-incidents"


class IncidentCreateView(PortalCreateView):
    model = Incident
    form_class = forms.IncidentForm
    success_message = _("Incident opened.")

    def get_initial(self):
        initial = super().get_initial()
        for name in ("plan", "title", "region"):
            if self.request.GET.get(name):
                initial[name] = self.request.GET[name]
        alert = Alert.objects.within(self.request.user).filter(pk=self.request.GET.get("alert") or 0).first() \
            if (self.request.GET.get("alert") or "").isdigit() else None
        if alert is not None:
            initial.update(title=alert.title, hazard_class=alert.hazard_class, hazard=alert.hazard)
        return initial

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        alert = self.request.GET.get("alert")
        if alert and alert.isdigit():
            data["alert"] = Alert.objects.within(self.request.user).filter(pk=alert).first()
        return services.incident_open(actor=self.request.user, **data)


class IncidentDetailView(PortalDetailView):
    """The incident room: situation over time, checklist, deployments, stock dispatched, money."""

    model = Incident
    template_name = "emergency/incident_detail.html"
    fields = [("hazard_class", _("Hazard class")), ("hazard", _("Hazard")), ("level", _("Response level")),
              ("region__name", _("Main region")), ("organization__name", _("Leading organisation")),
              ("status", _("Status")), ("plan", _("Plan used")), ("alert", _("Alert")), ("opened_at", _("Opened at")),
              ("closed_at", _("Closed at")), ("summary", _("Public summary"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        incident = self.object
        user = self.request.user
        figures = selectors.incident_figures(incident)
        peak = max([s.affected for s in figures["sitreps"]] or [1]) or 1
        for sitrep in figures["sitreps"]:
            sitrep.width = round(100 * sitrep.affected / peak, 1)
        can = user.has_perm("emergency.change_incident") and incident.status != "closed"
        from emergency.choices import INCIDENT_NEXT, IncidentStatus

        context.update(
            figures=figures, tasks=incident.tasks.select_related("done_by"),
            stock_requests=incident.stock_requests.select_related("item", "warehouse"),
            aid=incident.mutual_aid.select_related("requester", "responder"),
            can=can, next_statuses=[IncidentStatus(s) for s in INCIDENT_NEXT[IncidentStatus(incident.status)]],
            sitrep_form=forms.SitrepForm() if can else None,
            deploy_form=forms.DeployForm(user=user) if can else None,
            stock_form=forms.StockRequestForm(user=user) if can else None,
            warehouses=Warehouse.objects.within(user).filter(is_active=True),
            public_url=incident.get_public_url() if incident.is_public else None,
        )
        return context


class IncidentActionView(ActionView):
    model = Incident

    def act_sitrep(self, incident):
        services.sitrep_file(actor=self.request.user, incident=incident, **self.form(forms.SitrepForm))
        return _("Situation report filed.")

    def act_task(self, incident):
        task = get_object_or_404(IncidentTask, pk=self.request.POST.get("task"), incident=incident)
        services.task_done(actor=self.request.user, task=task)
        return _("Task done.")

    def act_deploy(self, incident):
        data = self.form(forms.DeployForm, user=self.request.user)
        services.deployment_request(actor=self.request.user, incident=incident, **data)
        return _("Deployment of %(team)s requested.") % {"team": data["team"].name}

    def act_deployment(self, incident):
        data = self.form(forms.DeploymentAdvanceForm)
        deployment = get_object_or_404(incident.deployments, pk=data["deployment"])
        deployment = services.deployment_advance(actor=self.request.user, deployment=deployment,
                                                 status=data["status"])
        return _("%(team)s: %(status)s.") % {"team": deployment.team.name, "status": deployment.get_status_display()}

    def act_stock(self, incident):
        data = self.form(forms.StockRequestForm, user=self.request.user)
        services.stock_request_create(actor=self.request.user, incident=incident, **data)
        return _("Stock requested.")

    def act_dispatch(self, incident):
        stock_request = get_object_or_404(StockRequest, pk=self.request.POST.get("stock_request"), incident=incident)
        chosen = self.request.POST.get("warehouse") or ""
        warehouse = Warehouse.objects.within(self.request.user).filter(pk=chosen).first() if chosen.isdigit() else None
        services.stock_request_dispatch(actor=self.request.user, stock_request=stock_request, warehouse=warehouse)
        return _("Stock dispatched, earliest expiry first.")

    def act_advance(self, incident):
        data = self.form(forms.IncidentAdvanceForm)
        incident = services.incident_advance(actor=self.request.user, incident=incident, **data)
        return _("Incident: %(status)s.") % {"status": incident.get_status_display()}


# --- mutual aid -----------------------------------------------------------------------------

class AidListView(PortalListView):
    model = MutualAid
    filterset_class = MutualAidFilterSet
    title = _("Mutual aid (成德眉资)")
    columns = [("requester__name", _("Requesting society")), ("responder__name", _("Asked society")),
               ("kind", _("Asks for")), ("request", pgettext_lazy("mutual aid", "Request")), ("status", _("Status")),
               ("requested_at", _("Requested at"))]
    sortable = ("requested_at",)
    default_sort = ("-requested_at", "-id")
    select_related = ("requester", "responder")
    create_url_name = "emergency:aid_create"
    export_name = "emergency-mutual-aid"


class AidCreateView(PortalCreateView):
    model = MutualAid
    form_class = forms.AidForm
    success_message = _("Request sent.")

    def save(self, form):
        return services.aid_request(actor=self.request.user, **form.cleaned_data)


class AidDetailView(PortalDetailView):
    model = MutualAid
    template_name = "emergency/aid_detail.html"
    fields = [("requester__name", _("Requesting society")), ("responder__name", _("Asked society")),
              ("incident", _("Incident")), ("kind", _("Asks for")), ("request", pgettext_lazy("mutual aid", "Request")),
              ("status", _("Status")), ("offer", _("Offer")), ("answer", _("Answer")), ("sent", _("What was sent")),
              ("returned", _("What came back")), ("requested_at", _("Requested at")), ("updated_at", _("Updated at"))]

    def get_context_data(self, **kwargs):
        from emergency.choices import AID_NEXT, AidStatus

        context = super().get_context_data(**kwargs)
        context["next_statuses"] = [AidStatus(s) for s in AID_NEXT[AidStatus(self.object.status)]] \
            if self.request.user.has_perm("emergency.change_mutualaid") else []
        return context


class AidActionView(ActionView):
    model = MutualAid

    def act_advance(self, aid):
        data = self.form(forms.AidAdvanceForm)
        aid = services.aid_advance(actor=self.request.user, aid=aid, **data)
        return _("Mutual aid: %(status)s.") % {"status": aid.get_status_display()}
