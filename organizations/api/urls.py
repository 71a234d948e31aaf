from django.urls import path
from rest_framework.routers import DefaultRouter

from organizations.api import grassroots, views

app_name = "organizations-api"

router = DefaultRouter()
router.register("regions", views.RegionViewSet)
router.register("organizations", views.OrganizationViewSet)
router.register("coverage", views.CoverageSnapshotViewSet)
router.register("centres", grassroots.CentreViewSet)
router.register("centre-inspections", grassroots.CentreInspectionViewSet)
router.register("institutions", grassroots.InstitutionViewSet)
router.register("aed-stations", grassroots.AedStationViewSet)
router.register("aed-inspections", grassroots.AedInspectionViewSet)
router.register("partner-sites", grassroots.PartnerSiteViewSet)
router.register("work-overrides", grassroots.TownWorkOverrideViewSet)
router.register("coverage-figures", grassroots.CoverageFigureViewSet)

urlpatterns = [
    path("public/centres/", grassroots.PublicCentreList.as_view(), name="organizations-public-centres"),
    path("public/aeds/", grassroots.PublicAedList.as_view(), name="organizations-public-aeds"),
    *router.urls,
]
