from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisations")

    def ready(self):
        from organizations.selectors import region_picker_choices, staff_scope_prefix
        from redcross.portal.views import set_region_choices
        from redcross.scoping import set_prefix_resolver

        set_prefix_resolver(staff_scope_prefix)
        set_region_choices(region_picker_choices)
