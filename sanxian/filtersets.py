import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.filters import RegionPrefixFilter
from sanxian.choices import CareKind, FigureSource, PledgeChannel, PledgeStatus, StemCellEventKind, StemCellStatus
from sanxian.models import BloodDrive, CareEvent, DonationPledge, MemorialEntry, StemCellDonor, StemCellEvent


class _Dated(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    year = django_filters.NumberFilter(method="in_year", label=_("Year"), min_value=1900, max_value=2999)
    date_field = ""

    def in_year(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__year": int(value)})


class BloodDriveFilterSet(_Dated):
    q = django_filters.CharFilter(method="search", label=_("Place or blood centre"))
    figures_source = django_filters.ChoiceFilter(choices=FigureSource.choices, label=_("Figures"))
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("Held on or after"))
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("Held on or before"))
    date_field = "held_on"

    class Meta:
        model = BloodDrive
        fields = ["q", "region", "year", "figures_source", "held_after", "held_before", "activity"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(place__icontains=value) | Q(blood_centre__icontains=value))


class StemCellDonorFilterSet(_Dated):
    status = django_filters.ChoiceFilter(choices=StemCellStatus.choices, label=_("Status"))
    drive = django_filters.NumberFilter(field_name="drive_id", label=_("Blood drive"))
    date_field = "sampled_on"

    class Meta:
        model = StemCellDonor
        fields = ["region", "year", "status", "drive"]


class StemCellEventFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    kind = django_filters.ChoiceFilter(choices=StemCellEventKind.choices, label=_("Event"))
    donor = django_filters.NumberFilter(field_name="donor_id", label=_("Donor"))

    class Meta:
        model = StemCellEvent
        fields = ["region", "kind", "donor"]


class DonationPledgeFilterSet(_Dated):
    status = django_filters.ChoiceFilter(choices=PledgeStatus.choices, label=_("Status"))
    channel = django_filters.ChoiceFilter(choices=PledgeChannel.choices, label=_("Registration channel"))
    date_field = "registered_on"

    class Meta:
        model = DonationPledge
        fields = ["region", "year", "status", "channel"]


class CareEventFilterSet(_Dated):
    kind = django_filters.ChoiceFilter(choices=CareKind.choices, label=_("Kind"))
    date_field = "occurred_on"

    class Meta:
        model = CareEvent
        fields = ["region", "year", "kind"]


class MemorialEntryFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    year = django_filters.NumberFilter(field_name="year", label=_("Year"), min_value=1900, max_value=2999)

    class Meta:
        model = MemorialEntry
        fields = ["region", "year", "is_published"]
