from django.contrib import admin

from sanxian.models import BloodDrive, CareEvent

# Health records are read and changed through the portal, where reveals are logged; only plain records here.


@admin.register(BloodDrive)
class BloodDriveAdmin(admin.ModelAdmin):
    list_display = ("held_on", "place", "blood_centre", "units_collected", "figures_source")
    raw_id_fields = ("activity", "organization", "region")


admin.site.register(CareEvent)
