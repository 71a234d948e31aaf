"""FilterSets of the grassroots models, shared by the portal and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.choices import (
    AedStatus,
    CentreHostKind,
    CentreStatus,
    InstitutionKind,
    PartnerSiteKind,
    ScenicGrade,
    SchoolStage,
    Zone,
)
from organizations.filters import RegionPrefixFilter
from organizations.models_grassroots import (
    AedInspection,
    AedStation,
    Centre,
    CentreInspection,
    CoverageFigure,
    Institution,
    PartnerSite,
    TownWorkOverride,
)


class CentreFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    host_kind = django_filters.ChoiceFilter(choices=CentreHostKind.choices, label=_("Host"))
    status = django_filters.ChoiceFilter(choices=CentreStatus.choices, label=_("Status"))
    zone = django_filters.ChoiceFilter(field_name="district__zone", choices=Zone.choices, label=_("Zone"))
    scenic_grade = django_filters.ChoiceFilter(choices=ScenicGrade.choices, label=_("Scenic area grade"))
    batch = django_filters.NumberFilter(label=_("Pilot batch"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    inspection_due_before = django_filters.DateFilter(field_name="next_inspection_on", lookup_expr="lte",
                                                      label=_("Inspection due by"))

    class Meta:
        model = Centre
        fields = ["q", "host_kind", "status", "zone", "scenic_grade", "batch", "region"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value))


class CentreInspectionFilterSet(django_filters.FilterSet):
    centre = django_filters.NumberFilter(field_name="centre_id", label=_("Centre"))
    passed = django_filters.BooleanFilter(label=_("Passed"))
    region = RegionPrefixFilter(field_name="centre__region", label=_("Region (code, includes subtree)"))

    class Meta:
        model = CentreInspection
        fields = ["centre", "passed", "region"]


class InstitutionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=InstitutionKind.choices, label=_("Type"))
    school_stage = django_filters.ChoiceFilter(choices=SchoolStage.choices, label=_("School stage"))
    scenic_grade = django_filters.ChoiceFilter(choices=ScenicGrade.choices, label=_("Scenic area grade"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    covered = django_filters.BooleanFilter(method="filter_covered", label=_("Covered"))
    is_active = django_filters.BooleanFilter(label=_("On the register"))

    class Meta:
        model = Institution
        fields = ["q", "kind", "school_stage", "scenic_grade", "region", "covered", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(credit_code=value.upper()))

    def filter_covered(self, queryset, name, value):
        covered = Q(member_unit__isnull=False, member_unit__is_active=True)
        return queryset.filter(covered) if value else queryset.exclude(covered)


class AedStationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=AedStatus.choices, label=_("Status"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    inspection_due_before = django_filters.DateFilter(field_name="next_inspection_on", lookup_expr="lte",
                                                      label=_("Inspection due by"))

    class Meta:
        model = AedStation
        fields = ["q", "status", "region"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(serial_number=value.upper())
                               | Q(host_unit__icontains=value))


class AedInspectionFilterSet(django_filters.FilterSet):
    station = django_filters.NumberFilter(field_name="station_id", label=_("AED station"))
    working = django_filters.BooleanFilter(label=_("Device working"))
    region = RegionPrefixFilter(field_name="station__region", label=_("Region (code, includes subtree)"))

    class Meta:
        model = AedInspection
        fields = ["station", "working", "region"]


class PartnerSiteFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=PartnerSiteKind.choices, label=_("Kind"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = PartnerSite
        fields = ["q", "kind", "region", "is_active"]


class TownWorkOverrideFilterSet(django_filters.FilterSet):
    has_work = django_filters.BooleanFilter(label=_("Carries out work"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))

    class Meta:
        model = TownWorkOverride
        fields = ["has_work", "region"]


class CoverageFigureFilterSet(django_filters.FilterSet):
    as_of = django_filters.DateFilter(label=_("As of"))
    key = django_filters.CharFilter(lookup_expr="startswith", label=_("Figure (key prefix)"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))

    class Meta:
        model = CoverageFigure
        fields = ["as_of", "key", "region"]

