from django.urls import path
from rest_framework.routers import DefaultRouter

from donations.api import public, views

app_name = "donations-api"

router = DefaultRouter()
router.register("donors", views.DonorViewSet)
router.register("funds", views.FundViewSet)
router.register("donations", views.DonationViewSet)
router.register("disbursements", views.DisbursementViewSet)
router.register("aid-cases", views.AidCaseViewSet)
router.register("disclosures", views.DisclosureViewSet)

urlpatterns = [
    path("public/ledger/", public.public_ledger_api, name="public-ledger"),
    path("public/lookup/", public.public_lookup_api, name="public-lookup"),
    path("public/pledges/", public.public_pledge_api, name="public-pledge"),
    *router.urls,
]
