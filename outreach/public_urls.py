from django.urls import path

from outreach import public

app_name = "outreach-public"

urlpatterns = [
    path("stories/", public.StoryListView.as_view(), name="stories"),
    path("stories/<int:pk>/", public.StoryView.as_view(), name="story"),
]
