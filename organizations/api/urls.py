from rest_framework.routers import DefaultRouter

from organizations.api import views

app_name = "organizations-api"

router = DefaultRouter()
router.register("regions", views.RegionViewSet)
router.register("organizations", views.OrganizationViewSet)
router.register("coverage", views.CoverageSnapshotViewSet)

urlpatterns = router.urls
