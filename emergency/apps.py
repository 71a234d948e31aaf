from decimal import Decimal

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    name = "emergency"
    verbose_name = _("Emergency response")

    def ready(self):
        from emergency import selectors, signals  # noqa: F401 - recompute readiness when certificates change
        from redcross.targets import ActionPlan, Target, Unit, register

        register(Target(
            code="emergency.team_types", plan=ActionPlan.CAPACITY,
            title=_("Required emergency-team types in place (six kinds, by district need)"),
            unit=Unit.PERCENT, target=Decimal("100"), level="district", compute=selectors.team_types_figures,
            description=_("Per district: the required team types that have an active team, over the types the "
                          "requirement matrix asks for."),
        ))
        register(Target(
            code="emergency.team_readiness", plan=ActionPlan.CAPACITY,
            title=_("Emergency teams ready (green)"), unit=Unit.PERCENT, target=Decimal("100"), level="district",
            compute=selectors.team_readiness_figures,
            description=_("Teams whose members, certificates, insurance, equipment and drills meet the standard, "
                          "over all active teams."),
        ))
