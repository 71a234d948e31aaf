from django.urls import path
from rest_framework.routers import DefaultRouter

from emergency.api import views

app_name = "emergency-api"

router = DefaultRouter()
router.register("standards", views.TeamStandardViewSet)
router.register("requirements", views.TeamRequirementViewSet)
router.register("teams", views.TeamViewSet)
router.register("members", views.TeamMemberViewSet)
router.register("equipment", views.EquipmentViewSet)
router.register("drills", views.DrillViewSet)
router.register("warehouses", views.WarehouseViewSet)
router.register("items", views.ItemViewSet)
router.register("stock-lots", views.StockLotViewSet)
router.register("stock-movements", views.StockMovementViewSet)
router.register("stock-minimums", views.StockMinimumViewSet)
router.register("plans", views.PlanViewSet)
router.register("alerts", views.AlertViewSet)
router.register("alert-notices", views.AlertNoticeViewSet)
router.register("incidents", views.IncidentViewSet)
router.register("sitreps", views.SituationReportViewSet)
router.register("deployments", views.DeploymentViewSet)
router.register("stock-requests", views.StockRequestViewSet)
router.register("mutual-aid", views.MutualAidViewSet)

urlpatterns = [
    path("readiness/", views.readiness_matrix, name="readiness"),
    path("stock-totals/", views.stock_totals, name="stock-totals"),
    *router.urls,
]
