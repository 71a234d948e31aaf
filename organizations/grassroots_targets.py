"""The grassroots plan targets organizations/ answers beyond the 三有 towns (OrganizationsConfig.ready())."""

from decimal import Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from organizations import grassroots_selectors as selectors
from organizations.choices import CentreHostKind, InstitutionKind, Zone
from redcross.targets import PLAN_END, ActionPlan, Target, Unit, register

INSTITUTION_TARGETS = {
    InstitutionKind.ENTERPRISE: _("Large enterprises with a Red Cross organisation or member unit"),
    InstitutionKind.UNIVERSITY: _("Universities with a Red Cross organisation or member unit"),
    InstitutionKind.SCHOOL: _("Primary and secondary schools with a Red Cross organisation or member unit"),
    InstitutionKind.HOSPITAL: _("Hospitals with a Red Cross organisation or member unit"),
    InstitutionKind.SCENIC_AREA: _("4A+ scenic areas with a Red Cross organisation or member unit"),
}


# DOMAIN.md, "The plan's own targets" (plan, action 3):
# - "Red Cross organisations in large enterprises, universities, schools, hospitals" — ongoing: every institution
#   on the register, with the plan's end as the date the line is read against (and kept after it);
# - "disaster-prevention centres piloted in central, near-suburb and far-suburb districts, in towns, communities
#   and 4A+ scenic areas" — pilots: in each zone, one accepted pilot for each of the three kinds of host by the
#   plan's end.
INSTITUTIONS_TARGET = Decimal("100")
PILOTS_PER_ZONE = Decimal(len(CentreHostKind.values))


def register_all():
    for kind, title in INSTITUTION_TARGETS.items():
        register(Target(
            code=f"grassroots.institutions_{kind}", plan=ActionPlan.GRASSROOTS, title=title, unit=Unit.PERCENT,
            target=INSTITUTIONS_TARGET, deadline=PLAN_END, level="district",
            compute=selectors.institutions_covered_figures(kind), app_label="organizations",
            description=_("Share of the district's register with an active Red Cross organisation or member unit; "
                          "the plan asks for all of them, an ongoing task.")))
    for zone, label in Zone.choices:
        register(Target(
            code=f"grassroots.centre_pilots_{zone}", plan=ActionPlan.GRASSROOTS,
            title=format_lazy(_("Disaster-prevention centre pilots accepted: {zone}"), zone=label), unit=Unit.COUNT,
            target=PILOTS_PER_ZONE, deadline=PLAN_END, level="district",
            compute=selectors.centre_pilots_figures(zone), app_label="organizations",
            description=_("Pilots accepted or operating in the zone's districts: one hosted by a town, one by a "
                          "community and one by a 4A+ scenic area.")))
