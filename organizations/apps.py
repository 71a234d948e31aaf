from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisations")

    def ready(self):
        from organizations import grassroots_targets, importers  # noqa: F401 - registers the institutions import
        from organizations.selectors import staff_scope_prefix
        from redcross.scoping import set_prefix_resolver

        set_prefix_resolver(staff_scope_prefix)
        grassroots_targets.register_all()
