from decimal import Decimal

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from members import selectors
        from redcross.targets import ActionPlan, Target, Unit, register

        register(Target(
            code="members.active", plan=ActionPlan.INSTITUTIONS, title=_("Members in good standing"),
            unit=Unit.COUNT, target=Decimal("10000"), compute=selectors.active_members_figures,
            description=_("Individual and unit members, joined and neither lapsed nor withdrawn (local target)."),
            app_label="members"))
