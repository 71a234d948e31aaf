from django.urls import path
from django.views.generic import RedirectView

from members import views

app_name = "members"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="members:member_list"), name="index"),
    path("members/", views.MemberListView.as_view(), name="member_list"),
    path("members/new/", views.MemberCreateView.as_view(), name="member_create"),
    path("members/<int:pk>/", views.MemberDetailView.as_view(), name="member_detail"),
    path("members/<int:pk>/<str:action>/", views.MemberActionView.as_view(), name="member_action"),
    path("dues/", views.DuesPaymentListView.as_view(), name="payment_list"),
    path("dues/rates/", views.DuesRateView.as_view(), name="rates"),
    path("contributions/", views.ContributionListView.as_view(), name="contribution_list"),
    path("outstanding/", views.OutstandingView.as_view(), name="outstanding"),
]
