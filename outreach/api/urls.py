from django.urls import path
from rest_framework.routers import DefaultRouter

from outreach.api import views

app_name = "outreach-api"

router = DefaultRouter()
router.register("squares", views.CultureSquareViewSet)
router.register("stories", views.StoryViewSet)
router.register("youth-centres", views.YouthCentreViewSet)
router.register("youth-activities", views.YouthActivityViewSet)
router.register("campaigns", views.CampaignViewSet)
router.register("compacts", views.VillageCompactViewSet)
router.register("care", views.CareRecipientViewSet)
router.register("care-records", views.CareRecordViewSet)

urlpatterns = [
    path("public/stories/", views.PublicStoryList.as_view(), name="public-stories"),
    *router.urls,
]
