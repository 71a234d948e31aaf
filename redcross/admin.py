from django.contrib import admin

from redcross.models import TotalsCheck


@admin.register(TotalsCheck)
class TotalsCheckAdmin(admin.ModelAdmin):
    """The nightly totals check's outcomes, newest first: written by the task, read by staff, never edited."""

    list_display = ["started_at", "drift_count", "seconds", "clean"]
    list_filter = ["drift_count"]
    readonly_fields = ["started_at", "seconds", "checks", "drift_count", "drift", "failed"]

    @admin.display(boolean=True, description=TotalsCheck._meta.get_field("drift_count").verbose_name)
    def clean(self, obj):
        return obj.clean

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
