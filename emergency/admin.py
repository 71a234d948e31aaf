from django.contrib import admin

from emergency.models import (
    Alert,
    AlertNotice,
    Deployment,
    Drill,
    Equipment,
    Incident,
    Item,
    MutualAid,
    Plan,
    SituationReport,
    StockLot,
    StockMinimum,
    StockMovement,
    StockRequest,
    Team,
    TeamMember,
    TeamRequirement,
    TeamStandard,
    Warehouse,
)


@admin.register(TeamStandard, TeamRequirement, Team, TeamMember, Equipment, Drill, Warehouse, Item, StockLot,
                StockMovement, StockMinimum, Plan, Alert, AlertNotice, Incident, SituationReport, Deployment,
                StockRequest, MutualAid)
class ReadMostlyAdmin(admin.ModelAdmin):
    """Every record here has rules (readiness, the stock ledger, transitions): they change in the portal or the
    API, through emergency.services; the admin looks them up."""

    def get_raw_id_fields(self, request):
        return [f.name for f in self.model._meta.fields if f.is_relation]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
