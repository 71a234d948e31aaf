from django.urls import path

from organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.OrganizationListView.as_view(), name="organization_list"),
    path("new/", views.OrganizationCreateView.as_view(), name="organization_create"),
    path("<int:pk>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
    path("<int:pk>/edit/", views.OrganizationUpdateView.as_view(), name="organization_edit"),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
    path("regions/<str:pk>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("regions/<str:pk>/edit/", views.RegionZoneUpdateView.as_view(), name="region_edit"),
    path("staff/", views.StaffListView.as_view(), name="staff_list"),
    path("staff/<int:pk>/", views.StaffDetailView.as_view(), name="staff_detail"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
]
