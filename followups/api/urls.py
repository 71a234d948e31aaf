from rest_framework.routers import DefaultRouter

from followups.api import views

app_name = "followups-api"

router = DefaultRouter()
router.register("targets", views.VisitTargetViewSet)
router.register("plans", views.VisitPlanViewSet)
router.register("plan-items", views.PlanItemViewSet)
router.register("visits", views.VisitViewSet)
router.register("issues", views.IssueViewSet)
router.register("bulletins", views.BulletinViewSet)

urlpatterns = router.urls
