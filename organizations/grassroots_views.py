"""Portal pages of the grassroots models: lists with filters and Excel export, details with their actions,
forms that save through organizations.grassroots_services, and the coverage pages by type and by zone."""

from django.utils.translation import gettext_lazy as _
from django.views import generic

from organizations import grassroots_selectors as selectors
from organizations import grassroots_services as services
from organizations.choices import CENTRE_NEXT_STATUS, CentreStatus
from organizations.grassroots_filtersets import (
    AedStationFilterSet,
    CentreFilterSet,
    InstitutionFilterSet,
    PartnerSiteFilterSet,
    TownWorkOverrideFilterSet,
)
from organizations.grassroots_forms import (
    AedInspectionForm,
    AedStationForm,
    CentreAdvanceForm,
    CentreForm,
    CentreInspectionForm,
    CentreStaffForm,
    InstitutionForm,
    PartnerSiteForm,
    TownWorkOverrideForm,
)
from organizations.models_grassroots import AedStation, Centre, Institution, PartnerSite, TownWorkOverride
from organizations.services import town_work_override_set
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    PortalUpdateView,
    StaffRequiredMixin,
)


def _fields(form):
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}


# --- centres ---------------------------------------------------------------------------------

class CentreListView(PortalListView):
    model = Centre
    filterset_class = CentreFilterSet
    title = _("Disaster-prevention centres")
    columns = [("name", _("Centre name")), ("host_kind", _("Host")), ("region__name", _("Region")),
               ("district__name", _("District")), ("district__zone", _("Zone")), ("batch", _("Pilot batch")),
               ("status", _("Status")), ("trained_staff", _("Trained staff")),
               ("shelter_capacity", _("Shelter capacity")), ("next_inspection_on", _("Next inspection"))]
    sortable = ("name", "batch", "status", "next_inspection_on")
    default_sort = ("region_id", "name")
    select_related = ("region", "district")
    create_url_name = "organizations:centre_create"
    export_name = "centres"
    import_kind = "organizations.centre"


class CentreDetailView(PortalDetailView):
    model = Centre
    template_name = "organizations/centre_detail.html"
    fields = [("host_kind", _("Host")), ("host__name", _("Host organisation")),
              ("scenic_grade", _("Scenic area grade")),
              ("region__name", _("Region")), ("district__name", _("District")), ("district__zone", _("Zone")),
              ("batch", _("Pilot batch")), ("status", _("Status")), ("address", _("Address")),
              ("shelter_capacity", _("Shelter capacity (people)")), ("accepted_on", _("Accepted on")),
              ("accepted_by__username", _("Accepted by")), ("next_inspection_on", _("Next inspection due"))]
    edit_url_name = "organizations:centre_edit"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        centre = self.object
        next_status = CENTRE_NEXT_STATUS.get(centre.status)
        can_change = self.request.user.has_perm("organizations.change_centre")
        context.update(
            checklist=centre.checklist(), staff=list(centre.staff.all()), inspections=list(centre.inspections.all()),
            next_status=next_status, next_status_label=CentreStatus(next_status).label if next_status else None,
            can_change=can_change, staff_form=CentreStaffForm(),
            inspection_form=CentreInspectionForm(user=self.request.user),
            zone_display=centre.get_zone_display())
        return context


class CentreCreateView(PortalCreateView):
    model = Centre
    form_class = CentreForm
    success_message = _("Centre registered as a pilot.")

    def save(self, form):
        return services.centre_save(actor=self.request.user, **_fields(form))


class CentreUpdateView(PortalUpdateView):
    model = Centre
    form_class = CentreForm
    success_message = _("Centre saved.")

    def save(self, form):
        return services.centre_save(actor=self.request.user, centre=self.object, **_fields(form))


class CentreActionView(PortalActionView):
    """POST-only actions on a centre's page: advance the status, list staff, record an inspection."""

    model = Centre
    actions = {
        "advance": Action(services.centre_advance, form=CentreAdvanceForm, message=_("Status changed."),
                          arguments=lambda centre, request, data: {"centre": centre, "to_status": data["status"]}),
        "staff": Action(services.centre_staff_add, form=CentreStaffForm, message=_("Staff member listed.")),
        "inspection": Action(services.centre_inspection_record, form=CentreInspectionForm,
                             message=_("Inspection recorded.")),
    }


# --- institutions ----------------------------------------------------------------------------

class InstitutionListView(PortalListView):
    model = Institution
    filterset_class = InstitutionFilterSet
    title = _("Institutions to cover")
    columns = [("name", _("Institution name")), ("kind", _("Type")), ("school_stage", _("School stage")),
               ("scenic_grade", _("Scenic area grade")), ("region__name", _("Region")), ("headcount", _("Headcount")),
               ("member_unit__name", _("Red Cross organisation or member unit")),
               ("member_unit__is_active", _("Active"))]
    sortable = ("name", "kind", "headcount")
    default_sort = ("region_id", "kind", "name")
    select_related = ("region", "member_unit")
    create_url_name = "organizations:institution_create"
    export_name = "institutions"
    import_kind = "organizations.institution"


class InstitutionDetailView(PortalDetailView):
    model = Institution
    fields = [("name", _("Institution name")), ("kind", _("Type")), ("school_stage", _("School stage")),
              ("scenic_grade", _("Scenic area grade")), ("region__name", _("Region")),
              ("credit_code", _("Unified social credit code")), ("headcount", _("Headcount (staff)")),
              ("address", _("Address")), ("member_unit__name", _("Red Cross organisation or member unit")),
              ("is_covered", _("Covered")), ("is_active", _("On the register"))]
    edit_url_name = "organizations:institution_edit"


class InstitutionCreateView(PortalCreateView):
    model = Institution
    form_class = InstitutionForm
    success_message = _("Institution added to the register.")

    def save(self, form):
        return services.institution_save(actor=self.request.user, **_fields(form))


class InstitutionUpdateView(PortalUpdateView):
    model = Institution
    form_class = InstitutionForm
    success_message = _("Institution saved.")

    def save(self, form):
        return services.institution_save(actor=self.request.user, institution=self.object, **_fields(form))


# --- AED stations ------------------------------------------------------------------------------

class AedStationListView(PortalListView):
    model = AedStation
    filterset_class = AedStationFilterSet
    title = _("AED stations")
    columns = [("name", _("Place")), ("region__name", _("Region")), ("host_unit", _("Host unit")),
               ("device_model", _("Device model")), ("serial_number", _("Serial number")), ("status", _("Status")),
               ("trained_nearby", _("Trained people nearby")), ("next_inspection_on", _("Next inspection"))]
    sortable = ("name", "status", "next_inspection_on", "trained_nearby")
    default_sort = ("region_id", "name")
    select_related = ("region",)
    create_url_name = "organizations:aed_create"
    export_name = "aed-stations"
    import_kind = "organizations.aed"


class AedStationDetailView(PortalDetailView):
    model = AedStation
    template_name = "organizations/aed_detail.html"
    fields = [("region__name", _("Region")), ("address", _("Address")), ("host_unit", _("Host unit")),
              ("institution__name", _("Institution")), ("device_model", _("Device model")),
              ("serial_number", _("Serial number")), ("installed_on", _("Installed on")), ("status", _("Status")),
              ("opening_hours", _("Opening hours")), ("trained_nearby", _("Trained people nearby")),
              ("next_inspection_on", _("Next inspection due"))]
    edit_url_name = "organizations:aed_edit"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(inspections=list(self.object.inspections.all()),
                       can_change=self.request.user.has_perm("organizations.change_aedstation"),
                       inspection_form=AedInspectionForm(user=self.request.user))
        return context


class AedStationCreateView(PortalCreateView):
    model = AedStation
    form_class = AedStationForm
    success_message = _("AED station registered.")

    def save(self, form):
        return services.aed_station_save(actor=self.request.user, **_fields(form))


class AedStationUpdateView(PortalUpdateView):
    model = AedStation
    form_class = AedStationForm
    success_message = _("AED station saved.")

    def save(self, form):
        return services.aed_station_save(actor=self.request.user, station=self.object, **_fields(form))


class AedInspectionCreateView(PortalActionView):
    model = AedStation
    actions = {"": Action(services.aed_inspection_record, form=AedInspectionForm, message=_("Inspection recorded."),
                          arguments=lambda station, request, data: {"station": station, **data})}


# --- partner sites and work overrides ----------------------------------------------------------------

class PartnerSiteListView(PortalListView):
    model = PartnerSite
    filterset_class = PartnerSiteFilterSet
    title = _("Partner sites")
    columns = [("name", _("Site name")), ("kind", _("Kind")), ("region__name", _("Region")), ("agency", _("Agency")),
               ("agreement_number", _("Agreement number")), ("agreement_signed_on", _("Signed on")),
               ("is_active", _("Active"))]
    sortable = ("name", "kind", "agreement_signed_on")
    default_sort = ("region_id", "name")
    select_related = ("region",)
    create_url_name = "organizations:partnersite_create"
    export_name = "partner-sites"
    import_kind = "organizations.partnersite"


class PartnerSiteDetailView(PortalDetailView):
    model = PartnerSite
    fields = [("name", _("Site name")), ("kind", _("Kind")), ("region__name", _("Region")),
              ("agency", _("Responsible agency")), ("agreement_number", _("Agreement number")),
              ("agreement_signed_on", _("Agreement signed on")), ("services", _("Red Cross services offered")),
              ("is_active", _("Active"))]
    edit_url_name = "organizations:partnersite_edit"


class PartnerSiteCreateView(PortalCreateView):
    model = PartnerSite
    form_class = PartnerSiteForm
    success_message = _("Partner site added.")

    def save(self, form):
        return services.partner_site_save(actor=self.request.user, **_fields(form))


class PartnerSiteUpdateView(PortalUpdateView):
    model = PartnerSite
    form_class = PartnerSiteForm
    success_message = _("Partner site saved.")

    def save(self, form):
        return services.partner_site_save(actor=self.request.user, site=self.object, **_fields(form))


class TownWorkOverrideListView(PortalListView):
    model = TownWorkOverride
    filterset_class = TownWorkOverrideFilterSet
    title = _("Town work overrides")
    columns = [("region__name", _("Town")), ("has_work", _("Carries out work")), ("reason", _("Reason")),
               ("set_by__username", _("Set by")), ("set_at", _("Set at"))]
    sortable = ("set_at",)
    default_sort = ("region_id",)
    select_related = ("region", "set_by")
    create_url_name = "organizations:workoverride_create"
    export_name = "work-overrides"


class TownWorkOverrideDetailView(PortalDetailView):
    model = TownWorkOverride
    fields = [("region__name", _("Town")), ("has_work", _("Carries out work")), ("reason", _("Reason")),
              ("set_by__username", _("Set by")), ("set_at", _("Set at"))]


class TownWorkOverrideCreateView(PortalCreateView):
    model = TownWorkOverride
    form_class = TownWorkOverrideForm
    success_message = _("Override saved; coverage is being recomputed.")

    def save(self, form):
        return town_work_override_set(actor=self.request.user, **form.cleaned_data)


# --- coverage pages ------------------------------------------------------------------------------

class InstitutionCoverageView(StaffRequiredMixin, generic.TemplateView):
    """Live coverage of the institutions register by type and by district, as CSS bars."""

    model = Institution
    template_name = "organizations/institution_coverage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(by_kind=selectors.institution_coverage(user=user, by="kind"),
                       by_district=selectors.institution_coverage(user=user, by="district"),
                       by_zone=selectors.institution_coverage(user=user, by="zone"),
                       title=_("Institution coverage"))
        return context


class CentreCoverageView(StaffRequiredMixin, generic.TemplateView):
    """Disaster-prevention centres by zone (central, near and far suburbs) and host kind."""

    model = Centre
    template_name = "organizations/centre_coverage.html"

    def get_context_data(self, **kwargs):
        from organizations.choices import CentreHostKind

        context = super().get_context_data(**kwargs)
        rows = selectors.centre_coverage(user=self.request.user)
        for row in rows:
            row["hosts"] = [(label, row["by_host"].get(kind, 0)) for kind, label in CentreHostKind.choices]
        context.update(rows=rows, title=_("Disaster-prevention centres by zone"))
        return context
