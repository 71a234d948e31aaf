"""The plan targets outreach/ answers, registered when the app loads (redcross/targets.py).

DOMAIN.md, "The plan's own targets" (plan, action 4): culture squares in communities, greenways, parks, schools,
transport hubs and scenic spots, with no number and no date of their own — read as every district having at least
one open square by the plan's end. The plan sets no figure for village compacts: their line is a local setting
(REDCROSS["CULTURE_COMPACT_TARGET_PERCENT"]), said so on the board.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from outreach import selectors
from redcross.targets import PLAN_END, ActionPlan, Target, Unit, register

register(Target(
    code="culture.squares", plan=ActionPlan.CULTURE, title=_("Districts with a Red Cross culture square"),
    unit=Unit.PERCENT, target=Decimal("100"), deadline=PLAN_END, level="district",
    compute=selectors.squares_figures, app_label="outreach",
    description=_("Squares open in communities, greenways, parks, schools, transport hubs and scenic spots; at "
                  "least one per district.")))
register(Target(
    code="culture.communities_compact", plan=ActionPlan.CULTURE,
    title=_("Communities with a village compact that includes the Red Cross spirit"), unit=Unit.PERCENT,
    target=Decimal(settings.REDCROSS["CULTURE_COMPACT_TARGET_PERCENT"]), deadline=PLAN_END, level="town",
    compute=selectors.compact_figures, app_label="outreach",
    description=_("The plan sets no figure for village compacts: this line is a local setting.")))
