from decimal import Decimal

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanxianConfig(AppConfig):
    name = "sanxian"
    verbose_name = _("Blood, stem-cell and organ donation (三献)")

    def ready(self):
        from redcross.targets import ActionPlan, Target, Unit, register
        from sanxian import importers, selectors  # noqa: F401 - importers registers the blood-centre import

        # The plan names 三献 as core work without numbers: these lines are local targets (DOMAIN.md: check).
        register(Target(
            code="sanxian.stem_cell_registrants", plan=ActionPlan.CAPACITY,
            title=_("Stem-cell donors sampled for the China Marrow Donor Program"), unit=Unit.COUNT,
            target=Decimal("5000"), compute=selectors.stem_cell_registrants_figures,
            description=_("People sampled and registered, counted in the district where they were sampled."),
            app_label="sanxian"))
        register(Target(
            code="sanxian.blood_units", plan=ActionPlan.CAPACITY,
            title=_("Blood units collected at Red Cross blood drives"), unit=Unit.COUNT,
            target=Decimal("20000"), compute=selectors.blood_units_figures,
            description=_("Units the blood centres reported for drives the Red Cross organised."),
            app_label="sanxian"))
        register(Target(
            code="sanxian.organ_pledges", plan=ActionPlan.CAPACITY,
            title=_("Body and organ donation pledges in force"), unit=Unit.COUNT,
            target=Decimal("3000"), compute=selectors.pledges_figures,
            description=_("Registered pledges not withdrawn."), app_label="sanxian"))
