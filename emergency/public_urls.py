from django.urls import path

from emergency import public

app_name = "emergency-public"

urlpatterns = [
    path("", public.IncidentListView.as_view(), name="incidents"),
    path("incidents/<int:pk>/", public.IncidentView.as_view(), name="incident"),
]
