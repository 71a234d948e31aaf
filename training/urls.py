from django.urls import path
from django.views.generic import RedirectView

from training import views

app_name = "training"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="training:calendar"), name="index"),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("calendar/", views.SessionCalendarView.as_view(), name="calendar"),
    path("sessions/new/", views.SessionCreateView.as_view(), name="session_create"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/<slug:action>/", views.SessionActionView.as_view(), name="session_action"),
    path("enrolments/", views.EnrolmentListView.as_view(), name="enrolment_list"),
    path("certificates/", views.CertificateListView.as_view(), name="certificate_list"),
    path("certificates/<int:pk>/", views.CertificateDetailView.as_view(), name="certificate_detail"),
    path("certificates/<int:pk>/pdf/", views.CertificatePdfView.as_view(), name="certificate_pdf"),
    path("instructors/", views.InstructorListView.as_view(), name="instructor_list"),
    path("instructors/new/", views.InstructorCreateView.as_view(), name="instructor_create"),
    path("instructors/<int:pk>/", views.InstructorDetailView.as_view(), name="instructor_detail"),
    path("bases/", views.TrainingBaseListView.as_view(), name="base_list"),
    path("bases/new/", views.TrainingBaseCreateView.as_view(), name="base_create"),
    path("bases/<int:pk>/", views.TrainingBaseDetailView.as_view(), name="base_detail"),
    path("bases/<int:pk>/edit/", views.TrainingBaseUpdateView.as_view(), name="base_edit"),
    path("courses/", views.CourseCatalogueView.as_view(), name="courses"),
    path("courses/<int:pk>/abilities/", views.CourseAbilitiesView.as_view(), name="course_abilities"),
    path("assessments/", views.AssessmentListView.as_view(), name="assessment_list"),
    path("assessments/new/", views.AssessmentCreateView.as_view(), name="assessment_create"),
    path("assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("evaluation/", views.EvaluationView.as_view(), name="evaluation"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path("targets/", views.TrainingTargetListView.as_view(), name="target_list"),
    path("targets/new/", views.TrainingTargetCreateView.as_view(), name="target_create"),
    path("cadres/", views.CadrePlanView.as_view(), name="cadres"),
]
