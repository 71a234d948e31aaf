from django.urls import path

from redcross.plan import views

app_name = "plan-public"

urlpatterns = [
    path("", views.PublicPlanView.as_view(), name="board"),
]
