import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.choices import ContributionKind, MemberKind, MemberStatus, PaymentMethod
from members.models import Contribution, DuesPayment, DuesRate, Member
from organizations.filters import RegionPrefixFilter


class MemberFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Number or unit name"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    kind = django_filters.ChoiceFilter(choices=MemberKind.choices, label=_("Member kind"))
    status = django_filters.ChoiceFilter(choices=MemberStatus.choices, label=_("Status"))
    joined_after = django_filters.DateFilter(field_name="joined_on", lookup_expr="gte", label=_("Joined on or after"))

    class Meta:
        model = Member
        fields = ["q", "region", "kind", "status", "joined_after"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(unit__name__icontains=value))


class DuesPaymentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Receipt or member number"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    year = django_filters.NumberFilter(field_name="year", label=_("Dues year"), min_value=1900, max_value=2999)
    method = django_filters.ChoiceFilter(choices=PaymentMethod.choices, label=_("Payment method"))
    member = django_filters.NumberFilter(field_name="member_id", label=_("Member"))

    class Meta:
        model = DuesPayment
        fields = ["q", "region", "year", "method", "member"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(receipt_number__icontains=value) | Q(member__number__icontains=value))


class ContributionFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    kind = django_filters.ChoiceFilter(choices=ContributionKind.choices, label=_("Kind"))
    year = django_filters.NumberFilter(field_name="contributed_on__year", label=_("Year"), min_value=1900,
                                       max_value=2999)
    member = django_filters.NumberFilter(field_name="member_id", label=_("Member"))

    class Meta:
        model = Contribution
        fields = ["region", "kind", "year", "member"]


class DuesRateFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=MemberKind.choices, label=_("Member kind"))

    class Meta:
        model = DuesRate
        fields = ["year", "kind"]
