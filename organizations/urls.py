from django.urls import path

from organizations import grassroots_views as grassroots
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
    path("centres/", grassroots.CentreListView.as_view(), name="centre_list"),
    path("centres/new/", grassroots.CentreCreateView.as_view(), name="centre_create"),
    path("centres/coverage/", grassroots.CentreCoverageView.as_view(), name="centre_coverage"),
    path("centres/<int:pk>/", grassroots.CentreDetailView.as_view(), name="centre_detail"),
    path("centres/<int:pk>/edit/", grassroots.CentreUpdateView.as_view(), name="centre_edit"),
    path("centres/<int:pk>/<str:action>/", grassroots.CentreActionView.as_view(), name="centre_action"),
    path("institutions/", grassroots.InstitutionListView.as_view(), name="institution_list"),
    path("institutions/new/", grassroots.InstitutionCreateView.as_view(), name="institution_create"),
    path("institutions/coverage/", grassroots.InstitutionCoverageView.as_view(), name="institution_coverage"),
    path("institutions/<int:pk>/", grassroots.InstitutionDetailView.as_view(), name="institution_detail"),
    path("institutions/<int:pk>/edit/", grassroots.InstitutionUpdateView.as_view(), name="institution_edit"),
    path("aed/", grassroots.AedStationListView.as_view(), name="aed_list"),
    path("aed/new/", grassroots.AedStationCreateView.as_view(), name="aed_create"),
    path("aed/<int:pk>/", grassroots.AedStationDetailView.as_view(), name="aed_detail"),
    path("aed/<int:pk>/edit/", grassroots.AedStationUpdateView.as_view(), name="aed_edit"),
    path("aed/<int:pk>/inspection/", grassroots.AedInspectionCreateView.as_view(), name="aed_inspection"),
    path("partner-sites/", grassroots.PartnerSiteListView.as_view(), name="partnersite_list"),
    path("partner-sites/new/", grassroots.PartnerSiteCreateView.as_view(), name="partnersite_create"),
    path("partner-sites/<int:pk>/", grassroots.PartnerSiteDetailView.as_view(), name="partnersite_detail"),
    path("partner-sites/<int:pk>/edit/", grassroots.PartnerSiteUpdateView.as_view(), name="partnersite_edit"),
    path("work-overrides/", grassroots.TownWorkOverrideListView.as_view(), name="workoverride_list"),
    path("work-overrides/new/", grassroots.TownWorkOverrideCreateView.as_view(), name="workoverride_create"),
    path("work-overrides/<int:pk>/", grassroots.TownWorkOverrideDetailView.as_view(), name="workoverride_detail"),
]
