import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.filters import RegionPrefixFilter
from outreach.choices import CampaignKind, CareCategory, CareKind, PlaceKind, StoryKind, StoryStatus
from outreach.models import (
    Campaign,
    CareRecipient,
    CareRecord,
    CultureSquare,
    Story,
    VillageCompact,
    YouthActivity,
    YouthCentre,
)


class CultureSquareFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    place_kind = django_filters.ChoiceFilter(choices=PlaceKind.choices, label=_("Place kind"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    opened_after = django_filters.DateFilter(field_name="opened_on", lookup_expr="gte", label=_("Opened from"))
    is_active = django_filters.BooleanFilter(label=_("Open"))

    class Meta:
        model = CultureSquare
        fields = ["q", "place_kind", "region", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(themes__icontains=value) | Q(host__icontains=value))


class StoryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=StoryKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=StoryStatus.choices, label=_("Status"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))

    class Meta:
        model = Story
        fields = ["q", "kind", "status", "region"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(public_name__icontains=value))


class YouthCentreFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    pilot_batch = django_filters.NumberFilter(label=_("Pilot batch"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = YouthCentre
        fields = ["q", "region", "pilot_batch", "is_active"]


class YouthActivityFilterSet(django_filters.FilterSet):
    centre = django_filters.NumberFilter(field_name="centre_id", label=_("Youth education centre"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("Held from"))

    class Meta:
        model = YouthActivity
        fields = ["centre", "region"]


class CampaignFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=CampaignKind.choices, label=_("Kind"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("Held from"))
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("Held until"))

    class Meta:
        model = Campaign
        fields = ["q", "kind", "region"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(place__icontains=value))


class VillageCompactFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    adopted_after = django_filters.DateFilter(field_name="adopted_on", lookup_expr="gte", label=_("Adopted from"))

    class Meta:
        model = VillageCompact
        fields = ["q", "region"]


class CareRecipientFilterSet(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=CareCategory.choices, label=_("Category"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    is_active = django_filters.BooleanFilter(label=_("In care"))

    class Meta:
        model = CareRecipient
        fields = ["category", "region", "is_active"]


class CareRecordFilterSet(django_filters.FilterSet):
    recipient = django_filters.NumberFilter(field_name="recipient_id", label=_("Person cared for"))
    kind = django_filters.ChoiceFilter(choices=CareKind.choices, label=_("Kind"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))

    class Meta:
        model = CareRecord
        fields = ["recipient", "kind", "region"]
