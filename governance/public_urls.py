from django.urls import path

from governance import views

app_name = "governance-public"

urlpatterns = [
    path("", views.PublicAuditListView.as_view(), name="audits"),
]
