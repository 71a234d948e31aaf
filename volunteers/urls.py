from django.urls import path

from volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("", views.VolunteerListView.as_view(), name="volunteer_list"),
    path("dashboard/", views.VolunteerDashboardView.as_view(), name="dashboard"),
    path("<int:pk>/", views.VolunteerDetailView.as_view(), name="volunteer_detail"),
    path("<int:pk>/<str:action>/", views.VolunteerActionView.as_view(), name="volunteer_action"),
    path("teams/", views.TeamListView.as_view(), name="team_list"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/qr.png", views.ActivityQrView.as_view(), name="activity_qr"),
    path("activities/<int:pk>/do/<str:action>/", views.ActivityActionView.as_view(), name="activity_action"),
    path("hours/", views.ServiceRecordListView.as_view(), name="record_list"),
    path("hours/<int:pk>/confirm/", views.RecordConfirmView.as_view(), name="record_confirm"),
    path("hours/<int:pk>/correct/", views.RecordCorrectView.as_view(), name="record_correct"),
    path("corrections/<int:pk>/answer/", views.CorrectionAnswerView.as_view(), name="correction_answer"),
    path("certificates/", views.CertificateListView.as_view(), name="certificate_list"),
    path("certificates/<int:pk>.pdf", views.CertificatePdfView.as_view(), name="certificate_pdf"),
]
