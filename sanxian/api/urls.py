from django.urls import path
from rest_framework.routers import DefaultRouter

from sanxian.api import views

app_name = "sanxian-api"

router = DefaultRouter()
router.register("drives", views.BloodDriveViewSet)
router.register("stem-cell-donors", views.StemCellDonorViewSet)
router.register("stem-cell-events", views.StemCellEventViewSet)
router.register("pledges", views.DonationPledgeViewSet)
router.register("care", views.CareEventViewSet)
router.register("memorials", views.MemorialEntryViewSet)

urlpatterns = [
    path("figures/", views.figures, name="figures"),
    *router.urls,
]
