from django.contrib import admin

from donations.models import AidCase, Disbursement, Disclosure, Donation, Donor, Fund, LedgerMonth


@admin.register(Donor, Fund, Donation, Disbursement, AidCase, Disclosure, LedgerMonth)
class ReadOnlyAdmin(admin.ModelAdmin):
    """Money moves only through the services (receipt numbers, balances, reversals); the admin looks it up."""

    def get_raw_id_fields(self, request):
        return [f.name for f in self.model._meta.fields if f.is_relation]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
