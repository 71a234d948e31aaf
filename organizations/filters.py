"""Region filters shared by portal and API: a region's subtree by its code prefix."""

import django_filters

from redcross.widgets import LongSelect


class RegionPrefixFilter(django_filters.CharFilter):
    """`?region=510104000000` keeps rows anywhere in that region's subtree."""

    region_picker = True  # the portal shows it as the district → town picker

    def filter(self, qs, value):
        if not value:
            return qs
        from organizations.models import Region

        region = Region.objects.filter(code=value).only("code", "level").first()
        if region is None:
            return qs.none()
        lookup = qs.model.scope_region_lookup
        return qs.filter(**{f"{lookup}__startswith": region.prefix})


class RegionTreeChoiceFilter(django_filters.ModelChoiceFilter):
    """A portal select of the districts and towns the user may see; keeps rows anywhere in the chosen subtree."""

    def __init__(self, *args, also=(), **kwargs):
        self.also = also  # more region lookups that place a row in an area (a volunteer's residence)
        kwargs.setdefault("queryset", self._regions)
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("method", self._within)
        kwargs.setdefault("widget", LongSelect)  # 282 districts and towns for the city
        super().__init__(*args, **kwargs)

    @staticmethod
    def _regions(request):
        from organizations.models import Region
        from redcross.scoping import scope_queryset

        if request is None:
            return Region.objects.none()
        regions = Region.objects.filter(level__in=["district", "town"], is_home_city=True).order_by("code")
        return scope_queryset(regions, request.user)

    def label_from_instance(self, region):
        return region.name if region.level == "district" else f"\u3000{region.name}"

    def _within(self, queryset, name, region):
        if region is None:
            return queryset
        from django.db.models import Q

        condition = Q(**{f"{queryset.model.scope_region_lookup}__startswith": region.prefix})
        for lookup in self.also:
            condition |= Q(**{f"{lookup}__startswith": region.prefix})
        return queryset.filter(condition)

    @property
    def field(self):
        field = super().field
        field.label_from_instance = self.label_from_instance
        return field
