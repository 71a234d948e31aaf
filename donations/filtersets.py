import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from donations.choices import (
    AidCategory,
    BeneficiaryKind,
    Channel,
    DisbursementStatus,
    DisclosureKind,
    DonationKind,
    DonationStatus,
    DonorKind,
    FundKind,
    FundStatus,
)
from donations.models import AidCase, Disbursement, Disclosure, Donation, Donor, Fund
from organizations.filters import RegionPrefixFilter


class DonorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or credit code"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    kind = django_filters.ChoiceFilter(choices=DonorKind.choices, label=_("Kind of donor"))

    class Meta:
        model = Donor
        fields = ["q", "region", "kind", "is_caring_enterprise", "publish_name"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(credit_code=value.strip().upper()))


class FundFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or code"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    kind = django_filters.ChoiceFilter(choices=FundKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=FundStatus.choices, label=_("Status"))

    class Meta:
        model = Fund
        fields = ["q", "region", "kind", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code=value.strip()))


class DonationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Receipt number or donor"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    status = django_filters.ChoiceFilter(choices=DonationStatus.choices, label=_("Status"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    kind = django_filters.ChoiceFilter(choices=DonationKind.choices, label=_("Kind of property"))
    fund = django_filters.NumberFilter(label=_("Fund or project"))
    received_after = django_filters.DateFilter(field_name="received_on", lookup_expr="gte", label=_("Received from"))
    received_before = django_filters.DateFilter(field_name="received_on", lookup_expr="lte",
                                                label=_("Received until"))
    min_amount = django_filters.NumberFilter(field_name="amount", lookup_expr="gte", label=_("At least (yuan)"))

    class Meta:
        model = Donation
        fields = ["q", "region", "status", "channel", "kind", "fund", "donor", "is_anonymous", "receipt_declined"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(receipt_number=value.strip()) | Q(donor__name__icontains=value)
                               | Q(bank_reference=value.strip()))


class DisbursementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="purpose", lookup_expr="icontains", label=_("Purpose"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    status = django_filters.ChoiceFilter(choices=DisbursementStatus.choices, label=_("Status"))
    beneficiary_kind = django_filters.ChoiceFilter(choices=BeneficiaryKind.choices, label=_("Beneficiary"))
    fund = django_filters.NumberFilter(label=_("Fund or project"))
    corrections = django_filters.BooleanFilter(field_name="reverses", lookup_expr="isnull", exclude=True,
                                               label=_("Corrections only"))

    class Meta:
        model = Disbursement
        fields = ["q", "region", "status", "beneficiary_kind", "fund", "aid_case"]


class AidCaseFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    category = django_filters.ChoiceFilter(choices=AidCategory.choices, label=_("Category"))
    opened_after = django_filters.DateFilter(field_name="opened_on", lookup_expr="gte", label=_("Opened from"))

    class Meta:
        model = AidCase
        fields = ["region", "category"]


class DisclosureFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=DisclosureKind.choices, label=_("Kind"))
    fund = django_filters.NumberFilter(label=_("Fund or project"))

    class Meta:
        model = Disclosure
        fields = ["kind", "fund"]
