from rest_framework.routers import DefaultRouter

from volunteers.api import views

app_name = "volunteers-api"

router = DefaultRouter()
router.register("volunteers", views.VolunteerViewSet)
router.register("teams", views.TeamViewSet)
router.register("activities", views.ActivityViewSet)
router.register("signups", views.SignUpViewSet)
router.register("records", views.ServiceRecordViewSet)

urlpatterns = router.urls
