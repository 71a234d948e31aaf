from django.urls import path

from governance import public

app_name = "governance-public"

urlpatterns = [
    path("", public.PublicAuditListView.as_view(), name="audits"),
]
