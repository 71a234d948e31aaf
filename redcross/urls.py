from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from redcross import views

api_v1 = [
    path("organizations/", include("organizations.api.urls")),
    path("people/", include("people.api.urls")),
    path("volunteers/", include("volunteers.api.urls")),
    path("donations/", include("donations.api.urls")),
    path("training/", include("training.api.urls")),
    path("sanxian/", include("sanxian.api.urls")),
    path("members/", include("members.api.urls")),
    path("followups/", include("followups.api.urls")),
    path("plan/", include("redcross.plan.api.urls")),
    path("governance/", include("governance.api.urls")),
    path("emergency/", include("emergency.api.urls")),
    path("outreach/", include("outreach.api.urls")),
    path("public/figures/", views.public_figures_api, name="public-figures"),
    path("", views.api_root, name="api-root"),
]

urlpatterns = [
    path("", views.PublicHomeView.as_view(), name="public-home"),
    path("healthz", views.healthz, name="healthz"),
    path("transparency/audits/", include("governance.public_urls")),
    path("verify/", views.verify, name="verify"),
    path("v/<str:number>", views.short_verify, name="verify-short"),
    path("", include("donations.public_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("portal/", include("redcross.portal.urls")),
    path("portal/organizations/", include("organizations.urls")),
    path("portal/people/", include("people.urls")),
    path("portal/volunteers/", include("volunteers.urls")),
    path("volunteer/", include("volunteers.public_urls")),
    path("portal/donations/", include("donations.urls")),
    path("portal/training/", include("training.urls")),
    path("training/", include("training.public_urls")),
    path("portal/sanxian/", include("sanxian.urls")),
    path("portal/members/", include("members.urls")),
    path("sanxian/", include("sanxian.public_urls")),
    path("portal/followups/", include("followups.urls")),
    path("portal/plan/", include("redcross.plan.urls")),
    path("portal/governance/", include("governance.urls")),
    path("plan/", include("redcross.plan.public_urls")),
    path("portal/emergency/", include("emergency.urls")),
    path("emergency/", include("emergency.public_urls")),
    path("", include("organizations.public_urls")),
    path("", include("outreach.public_urls")),
    path("portal/outreach/", include("outreach.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("admin/", admin.site.urls),
]

handler500 = "redcross.security.server_error"
