from django.urls import path

from outreach import views

app_name = "outreach"


def pages(prefix, name, list_view, detail, create, update=None):
    found = [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"{prefix}/new/", create.as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{name}_detail"),
    ]
    if update is not None:
        found.append(path(f"{prefix}/<int:pk>/edit/", update.as_view(), name=f"{name}_edit"))
    return found


urlpatterns = [
    path("", views.OutreachHome.as_view(), name="home"),
    *pages("squares", "square", views.SquareList, views.SquareDetail, views.SquareCreate, views.SquareUpdate),
    *pages("stories", "story", views.StoryList, views.StoryDetail, views.StoryCreate, views.StoryUpdate),
    path("stories/<int:pk>/<str:action>/", views.StoryAction.as_view(), name="story_action"),
    *pages("youth-centres", "youthcentre", views.YouthCentreList, views.YouthCentreDetail, views.YouthCentreCreate,
           views.YouthCentreUpdate),
    *pages("youth-activities", "youthactivity", views.YouthActivityList, views.YouthActivityDetail,
           views.YouthActivityCreate),
    *pages("campaigns", "campaign", views.CampaignList, views.CampaignDetail, views.CampaignCreate,
           views.CampaignUpdate),
    *pages("compacts", "compact", views.CompactList, views.CompactDetail, views.CompactCreate, views.CompactUpdate),
    *pages("care", "carerecipient", views.CareRecipientList, views.CareRecipientDetail, views.CareRecipientCreate,
           views.CareRecipientUpdate),
    path("care/<int:pk>/records/", views.CareRecordCreate.as_view(), name="carerecord_create"),
]
