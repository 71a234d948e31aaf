from django.urls import path
from django.views.generic import RedirectView

from sanxian import views

app_name = "sanxian"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="sanxian:dashboard"), name="index"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("drives/", views.DriveListView.as_view(), name="drive_list"),
    path("drives/new/", views.DriveCreateView.as_view(), name="drive_create"),
    path("drives/<int:pk>/", views.DriveDetailView.as_view(), name="drive_detail"),
    path("drives/<int:pk>/edit/", views.DriveUpdateView.as_view(), name="drive_edit"),
    path("drives/<int:pk>/<str:action>/", views.DriveActionView.as_view(), name="drive_action"),
    path("stem-cell-donors/", views.DonorListView.as_view(), name="donor_list"),
    path("stem-cell-donors/new/", views.DonorCreateView.as_view(), name="donor_create"),
    path("stem-cell-donors/<int:pk>/", views.DonorDetailView.as_view(), name="donor_detail"),
    path("stem-cell-donors/<int:pk>/reveal/", views.DonorRevealView.as_view(), name="donor_reveal"),
    path("stem-cell-donors/<int:pk>/<str:action>/", views.DonorActionView.as_view(), name="donor_action"),
    path("pledges/", views.PledgeListView.as_view(), name="pledge_list"),
    path("pledges/new/", views.PledgeCreateView.as_view(), name="pledge_create"),
    path("pledges/<int:pk>/", views.PledgeDetailView.as_view(), name="pledge_detail"),
    path("pledges/<int:pk>/reveal/", views.PledgeRevealView.as_view(), name="pledge_reveal"),
    path("pledges/<int:pk>/<str:action>/", views.PledgeActionView.as_view(), name="pledge_action"),
    path("care/", views.CareListView.as_view(), name="care_list"),
    path("care/new/", views.CareCreateView.as_view(), name="care_create"),
    path("care/<int:pk>/", views.CareDetailView.as_view(), name="care_detail"),
    path("memorial/", views.MemorialListView.as_view(), name="memorial_list"),
]
