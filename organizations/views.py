import django_filters
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import generic

from organizations import services
from organizations.filtersets import OrganizationFilterSet, RegionFilterSet
from organizations.forms import OrganizationForm, RegionZoneForm
from organizations.models import Organization, Region, StaffProfile
from organizations.selectors import coverage_drilldown, coverage_latest_date, staff_home_region
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    PortalUpdateView,
    StaffRequiredMixin,
)
from redcross.scoping import region_in_scope


class RegionListView(PortalListView):
    model = Region
    filterset_class = RegionFilterSet
    region_code_filters = ("parent",)
    columns = [("name", _("Name")), ("code", _("Code")), ("level", _("Level")),
               ("parent__name", _("Parent region")), ("zone", _("Zone"))]
    sortable = ("code", "name", "level")
    default_sort = ("code",)
    select_related = ("parent",)
    export_name = "regions"


class RegionDetailView(PortalDetailView):
    model = Region
    fields = [("code", _("Code")), ("name", _("Name")), ("level", _("Level")),
              ("parent__name", _("Parent region")), ("zone", _("Zone")), ("is_home_city", _("In Chengdu"))]
    edit_url_name = "organizations:region_edit"


class RegionZoneUpdateView(PortalUpdateView):
    model = Region
    form_class = RegionZoneForm
    success_message = _("Zone saved.")

    def save(self, form):
        return services.region_set_zone(region=self.object, zone=form.cleaned_data["zone"], actor=self.request.user)


class OrganizationListView(PortalListView):
    model = Organization
    filterset_class = OrganizationFilterSet
    columns = [("name", _("Name")), ("kind", _("Kind")), ("unit_type", _("Unit type")),
               ("region__name", _("Region")), ("established_on", _("Established")),
               ("has_premises", _("Premises")), ("has_regular_work", _("Work")), ("is_active", _("Active"))]
    sortable = ("name", "kind", "established_on", "region__name")
    default_sort = ("region_id", "name")
    select_related = ("region",)
    create_url_name = "organizations:organization_create"
    export_name = "organizations"


class OrganizationDetailView(PortalDetailView):
    model = Organization
    template_name = "organizations/organization_detail.html"
    fields = [
        ("name", _("Name")),
        ("kind", _("Kind")),
        ("unit_type", _("Unit type")),
        ("region__name", _("Region")),
        ("parent__name", _("Parent organisation")),
        ("credit_code", _("Unified social credit code")),
        ("established_on", _("Established")),
        ("has_premises", _("Premises")),
        ("premises_address", _("Premises address")),
        ("premises_area", _("Premises area (m²)")),
        ("has_regular_work", _("Carries out work")),
        ("head_name", _("Person in charge")),
        ("contact_person", _("Contact person")),
        ("contact_phone", _("Contact phone")),
        ("is_active", _("Active")),
        ("updated_at", _("Updated")),
    ]
    edit_url_name = "organizations:organization_edit"


def _organization_fields(form):
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


class OrganizationCreateView(PortalCreateView):
    model = Organization
    form_class = OrganizationForm
    success_message = _("Organisation created.")

    def save(self, form):
        return services.organization_create(actor=self.request.user, **_organization_fields(form))


class OrganizationUpdateView(PortalUpdateView):
    model = Organization
    form_class = OrganizationForm
    success_message = _("Organisation saved.")

    def save(self, form):
        return services.organization_update(
            organization=self.object, actor=self.request.user, **_organization_fields(form)
        )


class StaffFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="user__username", lookup_expr="icontains", label=_("Username"))

    class Meta:
        model = StaffProfile
        fields = ["q", "role"]


class StaffListView(PortalListView):
    model = StaffProfile
    filterset_class = StaffFilterSet
    columns = [("user__username", _("Username")), ("user__first_name", _("Name")), ("role", _("Role")),
               ("organization__name", _("Organisation")), ("title", _("Job title"))]
    sortable = ("user__username", "role")
    default_sort = ("organization__region_id", "user__username")
    select_related = ("user", "organization")
    export_name = "staff"


class StaffDetailView(PortalDetailView):
    model = StaffProfile
    fields = [("user__username", _("Username")), ("user__first_name", _("Name")), ("role", _("Role")),
              ("organization__name", _("Organisation")), ("title", _("Job title"))]


class CoverageView(StaffRequiredMixin, generic.TemplateView):
    """Drill-down city → district → town with charts; towns list their communities."""

    model = Region
    template_name = "organizations/coverage.html"

    def get_required_permission(self):
        return "organizations.view_coveragesnapshot"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        code = self.request.GET.get("region")
        home = staff_home_region(user)
        if code:
            region = get_object_or_404(Region, code=code)
            if not region_in_scope(user, region.code):
                raise Http404
        else:
            region = home
        if region is None:
            raise Http404
        own, children = coverage_drilldown(region=region, user=user)
        crumbs = []
        node = region
        while node is not None:
            crumbs.append(node)
            node = node.parent
        crumbs = [c for c in reversed(crumbs) if region_in_scope(user, c.code)]
        context.update(region=region, coverage=own, children=children, crumbs=crumbs,
                       as_of=coverage_latest_date(), is_town=region.level == "town")
        return context
