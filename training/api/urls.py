from django.urls import path
from rest_framework.routers import DefaultRouter

from training.api import views

app_name = "training-api"

router = DefaultRouter()
router.register("courses", views.CourseViewSet)
router.register("bases", views.TrainingBaseViewSet)
router.register("instructors", views.InstructorViewSet)
router.register("sessions", views.TrainingSessionViewSet)
router.register("enrolments", views.EnrolmentViewSet)
router.register("certificates", views.CertificateViewSet)
router.register("targets", views.TrainingTargetViewSet)
router.register("assessments", views.AssessmentViewSet)

urlpatterns = [
    path("verify/<str:number>/", views.public_certificate, name="public-certificate"),
    *router.urls,
]
