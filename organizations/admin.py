from django.contrib import admin

from organizations.models import CoverageSnapshot, Organization, Region, StaffProfile


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "zone", "is_home_city"]
    list_filter = ["level", "zone", "is_home_city"]
    search_fields = ["code", "name"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "has_premises", "has_regular_work", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    raw_id_fields = ["region", "parent"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role"]
    list_filter = ["role"]
    raw_id_fields = ["user", "organization"]


@admin.register(CoverageSnapshot)
class CoverageSnapshotAdmin(admin.ModelAdmin):
    list_display = ["region", "as_of", "towns_covered", "towns_total", "communities_with_station", "communities_total"]
    list_filter = ["as_of"]
