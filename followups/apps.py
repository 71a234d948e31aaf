from decimal import Decimal

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = _("Follow-up visits")

    def ready(self):
        from followups import selectors
        from redcross.targets import ActionPlan, Target, Unit, register

        register(Target(
            code="followups.volunteer_visit_rate", plan=ActionPlan.FOLLOWUPS,
            title=_("Visit rate of volunteers"), unit=Unit.PERCENT, target=Decimal("50"), level="district",
            compute=selectors.volunteer_rate_target, app_label=self.label,
            description=_("Eligible volunteers (the year's visit target rule) visited at least once this year."),
        ))
        register(Target(
            code="followups.enterprise_visit_rate", plan=ActionPlan.FOLLOWUPS,
            title=_("Visit rate of caring enterprises"), unit=Unit.PERCENT, target=Decimal("60"), level="district",
            compute=selectors.enterprise_rate_target, app_label=self.label,
            description=_("Caring enterprises visited at least once this year."),
        ))
        register(Target(
            code="followups.bulletins_published", plan=ActionPlan.FOLLOWUPS,
            title=_("Follow-up bulletins published (信息专报)"), unit=Unit.COUNT, target=Decimal("4"),
            level="district", compute=selectors.bulletins_target, app_label=self.label, public=False,
            description=_("Bulletins published this year (corrections not counted)."),
        ))
