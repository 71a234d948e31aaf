from decimal import Decimal

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance and supervision")

    def ready(self):
        from governance import selectors
        from redcross.digests import register_section
        from redcross.targets import ActionPlan, Target, Unit, register

        register(Target(
            code="governance.checklist_on_time", plan=ActionPlan.INSTITUTIONS, app_label=self.label,
            title=_("Reform and action checklist: items due so far that are done"), unit=Unit.PERCENT,
            target=Decimal("100"), level="district", compute=selectors.checklist_on_time_figures,
            description=_("Items due so far that are done with evidence; an overdue item pulls the figure down."),
        ))
        register(Target(
            code="governance.opinions_rectified", plan=ActionPlan.INSTITUTIONS, app_label=self.label,
            title=_("Supervision opinions due so far that are rectified"), unit=Unit.PERCENT, target=Decimal("100"),
            level="district", compute=selectors.opinions_rectified_figures,
            description=_("Opinions of the supervisory board due so far that are rectified with evidence."),
        ))
        register_section(selectors.overdue_for_digest)
