from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = _("Donations and transparency")

    def ready(self):
        import re

        from donations import importers  # noqa: F401 - registers the donations import
        from donations.selectors import activity_region_codes
        from organizations import hooks

        hooks.register_activity_source("donations.aid_cases", activity_region_codes)
        from donations.selectors import receipt_verified, todos, totals_drift
        from redcross import todo, totals, verification

        totals.register("donations", totals_drift)
        from django.db.models.signals import post_delete, post_save

        from donations.selectors import funds_changed

        post_save.connect(funds_changed, sender="donations.Fund", dispatch_uid="donations-funds-changed")
        post_delete.connect(funds_changed, sender="donations.Fund", dispatch_uid="donations-funds-deleted")

        todo.register(todos)
        verification.register(verification.Verifier(
            "receipt", _("Donation receipt"), matches=re.compile(r"20\d{2}-\d{6}").fullmatch, find=receipt_verified))
