from rest_framework.routers import DefaultRouter

from governance.api import views

app_name = "governance-api"

router = DefaultRouter()
router.register("supervisors", views.SupervisoryMemberViewSet)
router.register("meetings", views.SupervisoryMeetingViewSet)
router.register("opinions", views.SupervisionOpinionViewSet)
router.register("audits", views.AuditReportViewSet)
router.register("checklist", views.ActionItemViewSet)

urlpatterns = router.urls
