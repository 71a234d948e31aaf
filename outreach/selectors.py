"""Reads of outreach/ that are more than a filter: coverage figures, the public stories, the home page."""

from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Q

from organizations.choices import RegionLevel
from organizations.models import Region
from outreach.choices import StoryStatus
from outreach.models import Campaign, CultureSquare, Story, VillageCompact


def _up(code: str) -> list[str]:
    """A region's town, district and the city (the figures roll up to each)."""
    return list(dict.fromkeys((code[:9] + "000", code[:6] + "000000", code[:4] + "00000000")))


def coverage_figures() -> dict:
    """Squares by district and place kind, and communities with a compact, for organizations' nightly figures.

    Registered with organizations.hooks in OutreachConfig.ready(); answers {(region, key): (numerator, denominator)}.
    """
    figures = defaultdict(lambda: [0, 0])
    for region, kind, n in (CultureSquare.objects.filter(is_active=True).values_list("region_id", "place_kind")
                            .annotate(n=Count("id")).values_list("region_id", "place_kind", "n")):
        for code in _up(region)[1:]:
            for key in (f"squares.{kind}", "squares.all"):
                figures[(code, key)][0] += n
                figures[(code, key)][1] += n
    with_compact = set(VillageCompact.objects.values_list("community_id", flat=True))
    for code in Region.objects.filter(level=RegionLevel.COMMUNITY, is_home_city=True).values_list("code", flat=True):
        for up in _up(code):
            entry = figures[(up, "communities.compact")]
            entry[0] += code in with_compact
            entry[1] += 1
    return {key: tuple(value) for key, value in figures.items()}


def published_stories():
    return (Story.objects.filter(status=StoryStatus.PUBLISHED).select_related("region")
            .only("id", "title", "kind", "summary", "body", "photos", "public_name", "published_at", "region__name",
                  "status", "region_id").order_by("-published_at", "-id"))


HOME_CACHE_KEY = "outreach:home"


def home_culture_changed():
    """A square or campaign was saved: the home page shows it at once (outreach.services calls this on commit)."""
    cache.delete(HOME_CACHE_KEY)
    from redcross.pagecache import pages_changed

    pages_changed("home")


def home_culture():
    """Culture squares and recent campaigns for the public home page, cached briefly."""
    data = cache.get(HOME_CACHE_KEY)
    if data is None:
        squares = list(CultureSquare.objects.filter(is_active=True).select_related("region")
                       .order_by("-opened_on")[:6])
        campaigns = list(Campaign.objects.select_related("region").order_by("-held_on")[:4])
        data = {
            "squares": [{"name": s.name, "place_kind": s.get_place_kind_display(), "region": s.region.name,
                         "themes": s.themes} for s in squares],
            "squares_total": CultureSquare.objects.filter(is_active=True).count(),
            "campaigns": [{"title": c.title, "kind": c.get_kind_display(), "held_on": c.held_on.isoformat(),
                           "place": c.place, "participants": c.participants, "online_reach": c.online_reach}
                          for c in campaigns],
        }
        cache.set(HOME_CACHE_KEY, data, 60)
    return data


# --- plan targets ---------------------------------------------------------------------------

def squares_figures(on=None):
    """Per district of Chengdu: (1, 1) with at least one culture square open on the day, else (0, 1)."""
    queryset = CultureSquare.objects.filter(is_active=True)
    if on is not None:
        queryset = queryset.filter(opened_on__lte=on)
    with_square = {code[:6] for code in queryset.values_list("region_id", flat=True).distinct()}
    districts = Region.objects.filter(level=RegionLevel.DISTRICT, is_home_city=True).values_list("code", flat=True)
    return {code: (int(code[:6] in with_square), 1) for code in districts}


def compact_figures(on=None):
    """Per town: communities with a village compact adopted by the day, over all communities."""
    compacts = VillageCompact.objects.all()
    if on is not None:
        compacts = compacts.filter(adopted_on__lte=on)
    with_compact = set(compacts.values_list("community_id", flat=True))
    rows = (Region.objects.filter(level=RegionLevel.COMMUNITY, is_home_city=True)
            .values("parent_id").annotate(total=Count("code"),
                                          done=Count("code", filter=Q(code__in=with_compact) if with_compact
                                                     else Q(pk__in=[]))))
    return {row["parent_id"]: (row["done"], row["total"]) for row in rows}
