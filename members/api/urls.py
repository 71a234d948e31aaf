from rest_framework.routers import DefaultRouter

from members.api import views

app_name = "members-api"

router = DefaultRouter()
router.register("members", views.MemberViewSet)
router.register("dues-payments", views.DuesPaymentViewSet)
router.register("contributions", views.ContributionViewSet)
router.register("dues-rates", views.DuesRateViewSet)

urlpatterns = router.urls
