"""The grassroots plan targets organizations/ answers beyond the 三有 towns (OrganizationsConfig.ready())."""

from decimal import Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from organizations import grassroots_selectors as selectors
from organizations.choices import InstitutionKind, Zone
from redcross.targets import ActionPlan, Target, Unit, register

INSTITUTION_TARGETS = {
    InstitutionKind.ENTERPRISE: _("Large enterprises with a Red Cross organisation or member unit"),
    InstitutionKind.UNIVERSITY: _("Universities with a Red Cross organisation or member unit"),
    InstitutionKind.SCHOOL: _("Primary and secondary schools with a Red Cross organisation or member unit"),
    InstitutionKind.HOSPITAL: _("Hospitals with a Red Cross organisation or member unit"),
    InstitutionKind.SCENIC_AREA: _("4A+ scenic areas with a Red Cross organisation or member unit"),
}


def register_all():
    for kind, title in INSTITUTION_TARGETS.items():
        register(Target(
            code=f"grassroots.institutions_{kind}", plan=ActionPlan.GRASSROOTS, title=title, unit=Unit.PERCENT,
            target=Decimal("100"), level="district", compute=selectors.institutions_covered_figures(kind),
            app_label="organizations",
            description=_("Share of the district's register with an active Red Cross organisation or member unit.")))
    for zone, label in Zone.choices:
        register(Target(
            code=f"grassroots.centre_pilots_{zone}", plan=ActionPlan.GRASSROOTS,
            title=format_lazy(_("Disaster-prevention centre pilots accepted: {zone}"), zone=label), unit=Unit.COUNT,
            target=Decimal("3"), level="district", compute=selectors.centre_pilots_figures(zone),
            app_label="organizations"))
