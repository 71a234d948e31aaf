from decimal import Decimal

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisations")

    def ready(self):
        from organizations import grassroots_targets, importers, selectors  # noqa: F401 - registers the institutions import
        from organizations.selectors import region_picker_choices, staff_scope_prefix
        from redcross.portal.views import set_region_choices
        from redcross.scoping import set_prefix_resolver
        from redcross.targets import ActionPlan, Target, Unit, register

        set_prefix_resolver(staff_scope_prefix)
        from organizations.services import coverage_drift
        from redcross import totals

        totals.register("organizations.coverage", coverage_drift)

        register(Target(
            code="grassroots.towns_sanyou", plan=ActionPlan.GRASSROOTS, app_label=self.label,
            title=_("Towns with an organisation, premises and work (三有)"),
            unit=Unit.PERCENT, target=Decimal("100"), level="town", compute=selectors.towns_sanyou_figures,
            description=_("Every town or sub-district has a Red Cross organisation, premises and regular work."),
        ))
        register(Target(
            code="grassroots.community_stations", plan=ActionPlan.GRASSROOTS, app_label=self.label,
            title=_("Communities with a Red Cross service centre or work station"),
            unit=Unit.PERCENT, target=Decimal("100"), level="community",
            compute=selectors.community_stations_figures,
            description=_("Every community or village has a Red Cross service centre or work station."),
        ))
        grassroots_targets.register_all()
        set_region_choices(region_picker_choices)
