"""The plan targets outreach/ answers, registered when the app loads (redcross/targets.py)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from outreach import selectors
from redcross.targets import ActionPlan, Target, Unit, register

register(Target(
    code="culture.squares", plan=ActionPlan.CULTURE, title=_("Red Cross culture squares"), unit=Unit.COUNT,
    target=Decimal("23"), level="district", compute=selectors.squares_figures, app_label="outreach",
    description=_("Squares open in communities, greenways, parks, schools, transport hubs and scenic spots; at "
                  "least one per district.")))
register(Target(
    code="culture.communities_compact", plan=ActionPlan.CULTURE,
    title=_("Communities with a village compact that includes the Red Cross spirit"), unit=Unit.PERCENT,
    target=Decimal("50"), level="town", compute=selectors.compact_figures, app_label="outreach"))
