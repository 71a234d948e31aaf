import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.choices import OrganizationKind, RegionLevel, UnitType, Zone
from organizations.filters import RegionPrefixFilter
from organizations.models import CoverageSnapshot, Organization, Region


class RegionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    level = django_filters.ChoiceFilter(choices=RegionLevel.choices, label=_("Level"))
    zone = django_filters.ChoiceFilter(choices=Zone.choices, label=_("Zone"))
    parent = django_filters.CharFilter(field_name="parent_id", label=_("Parent code"))
    within = RegionPrefixFilter(label=_("Within region (code)"))
    is_home_city = django_filters.BooleanFilter(label=_("In Chengdu"))

    class Meta:
        model = Region
        fields = ["q", "level", "zone", "parent", "within", "is_home_city"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__startswith=value))


class OrganizationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, label=_("Kind"))
    unit_type = django_filters.ChoiceFilter(choices=UnitType.choices, label=_("Unit type"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    has_premises = django_filters.BooleanFilter(label=_("Has premises"))
    has_regular_work = django_filters.BooleanFilter(label=_("Carries out work"))
    is_active = django_filters.BooleanFilter(label=_("Active"))
    established_after = django_filters.DateFilter(
        field_name="established_on", lookup_expr="gte", label=_("Established from")
    )
    established_before = django_filters.DateFilter(
        field_name="established_on", lookup_expr="lte", label=_("Established until")
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "unit_type", "region", "has_premises", "has_regular_work", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(credit_code=value.upper()) | Q(contact_person__icontains=value)
        )


class CoverageSnapshotFilterSet(django_filters.FilterSet):
    as_of = django_filters.DateFilter(label=_("As of"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    parent = django_filters.CharFilter(field_name="region__parent_id", label=_("Parent code"))
    level = django_filters.ChoiceFilter(field_name="region__level", choices=RegionLevel.choices, label=_("Level"))

    class Meta:
        model = CoverageSnapshot
        fields = ["as_of", "region", "parent", "level"]
