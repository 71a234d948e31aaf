from django.contrib import admin

from volunteers.models import (
    Activity,
    Commendation,
    CorrectionRequest,
    Evaluation,
    Exit,
    Insurance,
    ServiceCertificate,
    ServiceRecord,
    SignUp,
    Team,
    Volunteer,
)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organization", "is_active"]
    list_filter = ["kind", "is_active"]
    raw_id_fields = ["organization"]


@admin.register(Volunteer, Activity, SignUp, ServiceRecord, Insurance, Commendation, Evaluation, Exit,
                ServiceCertificate, CorrectionRequest)
class ReadMostlyAdmin(admin.ModelAdmin):
    """Records with rules are changed in the portal, through their services; the admin looks them up."""

    def get_raw_id_fields(self, request):
        return [f.name for f in self.model._meta.fields if f.is_relation]

    def has_change_permission(self, request, obj=None):
        return False
