import django_filters
from django.utils.translation import gettext_lazy as _

from governance.choices import ItemSource, ItemStatus, MemberRole, OpinionStatus
from governance.models import ActionItem, AuditReport, SupervisionOpinion, SupervisoryMeeting, SupervisoryMember
from organizations.filters import RegionPrefixFilter
from redcross.targets import ActionPlan


class MemberFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    role = django_filters.ChoiceFilter(choices=MemberRole.choices, label=_("Role"))

    class Meta:
        model = SupervisoryMember
        fields = ["region", "role"]


class MeetingFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("Held on or after"))

    class Meta:
        model = SupervisoryMeeting
        fields = ["region", "held_after"]


class OpinionFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    status = django_filters.ChoiceFilter(choices=OpinionStatus.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = SupervisionOpinion
        fields = ["region", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        if value is None:
            return queryset
        late = queryset.filter(due_on__lt=timezone.localdate()).exclude(status=OpinionStatus.RECTIFIED)
        return late if value else queryset.exclude(pk__in=late.values("pk"))


class AuditReportFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = AuditReport
        fields = ["region", "year"]


class ActionItemFilterSet(django_filters.FilterSet):
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    plan = django_filters.ChoiceFilter(choices=ActionPlan.choices, label=_("Action plan"))
    source = django_filters.ChoiceFilter(choices=ItemSource.choices, label=_("From"))
    status = django_filters.ChoiceFilter(choices=ItemStatus.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = ActionItem
        fields = ["region", "plan", "source", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        if value is None:
            return queryset
        late = queryset.filter(due_on__lt=timezone.localdate()).exclude(status=ItemStatus.DONE)
        return late if value else queryset.exclude(pk__in=late.values("pk"))
