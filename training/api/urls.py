from rest_framework.routers import DefaultRouter

from training.api import views

router = DefaultRouter()
router.register("courses", views.CourseViewSet)
router.register("bases", views.TrainingBaseViewSet)
router.register("instructors", views.InstructorViewSet)
router.register("sessions", views.TrainingSessionViewSet)
router.register("enrolments", views.EnrolmentViewSet)
router.register("certificates", views.CertificateViewSet)
router.register("coverage", views.TrainingTargetViewSet)
router.register("assessments", views.AssessmentViewSet)

urlpatterns = router.urls
