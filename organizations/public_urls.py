from django.urls import path

from organizations import public

app_name = "organizations-public"

urlpatterns = [
    path("centres/", public.NearbyView.as_view(kind="centres"), name="centres"),
    path("aed/", public.NearbyView.as_view(kind="aeds"), name="aeds"),
]
