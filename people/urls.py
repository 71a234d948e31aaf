from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="person_list"),
    path("new/", views.PersonCreateView.as_view(), name="person_create"),
    path("access-log/", views.AccessListView.as_view(), name="access_list"),
    path("requests/", views.DataRequestListView.as_view(), name="request_list"),
    path("requests/new/", views.DataRequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", views.DataRequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/<str:action>/", views.DataRequestActionView.as_view(), name="request_action"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person_edit"),
    path("<int:pk>/reveal/", views.PersonRevealView.as_view(), name="person_reveal"),
]
