from django.urls import path
from rest_framework.routers import DefaultRouter

from redcross.plan.api import views

app_name = "plan-api"

router = DefaultRouter()
router.register("values", views.TargetSnapshotViewSet, basename="values")

urlpatterns = [
    path("targets/", views.TargetListView.as_view(), name="targets"),
    *router.urls,
]
