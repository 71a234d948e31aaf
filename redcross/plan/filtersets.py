import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from redcross import targets as registry
from redcross.plan.models import TargetSnapshot


def target_choices():
    return [(t.code, t.title) for t in registry.all_targets()]


class TargetSnapshotFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        region = data.get("region")
        if region and (len(region) != 12 or not region.isdigit()):
            self.add_error("region", _("Region: enter the 12-digit statistical division code."))
        first, last = data.get("from"), data.get("to")
        if first and last and first > last:
            raise ValidationError({"to": _("To: the last day must not be before the first.")})
        return data


class TargetSnapshotFilterSet(django_filters.FilterSet):
    """`?target=&region=&from=&to=`: one target's figures at one region over a span of days."""

    target = django_filters.ChoiceFilter(choices=target_choices, label=_("Target"))
    region = django_filters.CharFilter(field_name="region_id", label=_("Region code"))
    from_ = django_filters.DateFilter(field_name="day", lookup_expr="gte", label=_("From"))
    to = django_filters.DateFilter(field_name="day", lookup_expr="lte", label=_("To"))

    class Meta:
        model = TargetSnapshot
        fields = ["target", "region"]
        form = TargetSnapshotFilterForm


# `from` is a Python keyword: the filter is declared as `from_` and served as `?from=`.
for _filters in (TargetSnapshotFilterSet.base_filters, TargetSnapshotFilterSet.declared_filters):
    _filters["from"] = _filters.pop("from_")
