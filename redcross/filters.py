"""Filters shared by portal and API."""

import django_filters


class RegionPrefixFilter(django_filters.CharFilter):
    """`?region=510104000000` keeps rows anywhere in that region's subtree."""

    def filter(self, qs, value):
        if not value:
            return qs
        from organizations.models import Region

        region = Region.objects.filter(code=value).only("code", "level").first()
        if region is None:
            return qs.none()
        lookup = getattr(qs.model, "scope_region_lookup")
        return qs.filter(**{f"{lookup}__startswith": region.prefix})
