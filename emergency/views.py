"""Portal pages of emergency response: the readiness matrix, teams, stock, plans, alerts, the incident room and
mutual aid. Every list is scoped and exports to Excel and CSV; every write goes through emergency.services."""

import inspect

from django.contrib import messages
from django.core.exceptions import ValidationError
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
    MutualAid,
    Plan,
    StockLot,
    StockMinimum,
    StockMovement,
    Team,
    TeamRequirement,
    TeamStandard,
    Warehouse,
)
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.errors import errors_to_form
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    PortalUpdateView,
    StaffRequiredMixin,
)
from training import selectors as training_selectors


class EmergencyActionView(PortalActionView):
    """Portal actions of this app: forms that take the user (scoped choices) or the team get them."""

    def get_form(self, action):
        accepts = inspect.signature(action.form.__init__).parameters
        kwargs = {"user": self.request.user} if "user" in accepts else {}
        if "team" in accepts:
            kwargs["team"] = self.object
        return action.form(self.request.POST, **kwargs)


def _posted(queryset, request, name):
    """The record named by a posted id within `queryset` (the object's own children), or 404."""
    return get_object_or_404(queryset, pk=request.POST.get(name) if (request.POST.get(name) or "").isdigit() else 0)


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


def _drill_arguments(team, request, data):
    chosen = {int(pk) for pk in data.pop("participants")}
    members = team.members.filter(left_on__isnull=True, volunteer_id__in=chosen).select_related("volunteer__person")
    return {"team": team, "participants": [m.volunteer for m in members], **data}


def _recompute(*, team, actor):
    return services.readiness_recompute(team_ids=[team.pk])


class TeamActionView(EmergencyActionView):
    model = Team
    actions = {
        "member-add": Action(services.member_add, form=forms.MemberAddForm, message=lambda member: _(
            "%(name)s joined the team.") % {"name": member.volunteer.person.masked_name}),
        "member-leave": Action(services.member_leave, arguments=lambda team, request, data: {
            "member": _posted(team.members.select_related("volunteer__person"), request, "member")},
            message=lambda member: _("%(name)s left the team.") % {"name": member.volunteer.person.masked_name}),
        "equipment": Action(services.equipment_save, form=forms.EquipmentForm, message=_("Equipment recorded.")),
        "drill": Action(services.drill_record, form=forms.DrillForm, arguments=_drill_arguments,
                        message=_("Drill recorded; the participants' hours are confirmed.")),
        "recompute": Action(_recompute, message=_("Readiness recomputed.")),
    }


class StandardListView(StaffRequiredMixin, generic.ListView):
    """The standard per team type: data the city edits."""

    model = TeamStandard
    template_name = "emergency/standards.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kinds = dict(training_selectors.course_kind_choices())
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

        form = super().get_form(form_class)
        form.fields["required_course_kinds"] = django_forms.MultipleChoiceField(
            label=_("Required certificates"), choices=training_selectors.course_kind_choices(), required=False,
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
            errors_to_form(form, exc)
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


def _received(lot):
    return _("Received %(quantity)s %(unit)s of %(item)s.") % {
        "quantity": f"{lot.quantity.normalize():f}", "unit": lot.item.unit, "item": lot.item.name}


class WarehouseActionView(EmergencyActionView):
    model = Warehouse
    actions = {
        "receive": Action(services.stock_receive, form=forms.ReceiveForm,
                          message=_received),
        "issue": Action(services.stock_issue, form=forms.IssueForm,
                        message=lambda moves: _("Issued from %(n)s lots, earliest expiry first.") % {"n": len(moves)}),
        "minimum": Action(services.minimum_set, form=forms.MinimumForm, message=_("Minimum level saved.")),
        "adjust": Action(services.stock_adjust, form=forms.AdjustForm,
                         arguments=lambda store, request, data: {
                             "lot": get_object_or_404(StockLot, pk=data["lot"], warehouse=store),
                             "quantity": data["quantity"], "reason": data["reason"]},
                         message=_("Adjustment recorded in the ledger.")),
    }


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


class AlertActionView(EmergencyActionView):
    model = Alert
    actions = {
        "acknowledge": Action(
            services.alert_acknowledge, permission="emergency.change_alertnotice",
            arguments=lambda alert, request, data: {"notice": _posted(
                AlertNotice.objects.within(request.user).filter(alert=alert).select_related("organization"), request,
                "notice")},
            message=lambda notice: _("Acknowledged for %(organization)s.") % {
                "organization": notice.organization.name}),
    }


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


def _dispatch_arguments(incident, request, data):
    chosen = request.POST.get("warehouse") or ""
    return {"stock_request": _posted(incident.stock_requests.all(), request, "stock_request"),
            "warehouse": Warehouse.objects.within(request.user).filter(pk=chosen).first() if chosen.isdigit() else None}


class IncidentActionView(EmergencyActionView):
    model = Incident
    actions = {
        "sitrep": Action(services.sitrep_file, form=forms.SitrepForm, message=_("Situation report filed.")),
        "task": Action(services.task_done, arguments=lambda incident, request, data: {
            "task": _posted(incident.tasks.all(), request, "task")}, message=_("Task done.")),
        "deploy": Action(services.deployment_request, form=forms.DeployForm, message=lambda deployment: _(
            "Deployment of %(team)s requested.") % {"team": deployment.team.name}),
        "deployment": Action(services.deployment_advance, form=forms.DeploymentAdvanceForm,
                             arguments=lambda incident, request, data: {
                                 "deployment": get_object_or_404(incident.deployments, pk=data["deployment"]),
                                 "status": data["status"]},
                             message=lambda deployment: _("%(team)s: %(status)s.") % {
                                 "team": deployment.team.name, "status": deployment.get_status_display()}),
        "stock": Action(services.stock_request_create, form=forms.StockRequestForm, message=_("Stock requested.")),
        "dispatch": Action(services.stock_request_dispatch, arguments=_dispatch_arguments,
                           message=_("Stock dispatched, earliest expiry first.")),
        "advance": Action(services.incident_advance, form=forms.IncidentAdvanceForm, message=lambda incident: _(
            "Incident: %(status)s.") % {"status": incident.get_status_display()}),
    }


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


class AidActionView(EmergencyActionView):
    model = MutualAid
    actions = {
        "advance": Action(services.aid_advance, form=forms.AidAdvanceForm, arguments=lambda aid, request, data: {
            "aid": aid, **data}, message=lambda aid: _("Mutual aid: %(status)s.") % {
                "status": aid.get_status_display()}),
    }
