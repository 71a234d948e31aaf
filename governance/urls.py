from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("supervisors/", views.MemberListView.as_view(), name="member_list"),
    path("supervisors/new/", views.MemberCreateView.as_view(), name="member_create"),
    path("supervisors/<int:pk>/", views.MemberDetailView.as_view(), name="member_detail"),
    path("supervisors/<int:pk>/edit/", views.MemberUpdateView.as_view(), name="member_edit"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("opinions/", views.OpinionListView.as_view(), name="opinion_list"),
    path("opinions/new/", views.OpinionCreateView.as_view(), name="opinion_create"),
    path("opinions/<int:pk>/", views.OpinionDetailView.as_view(), name="opinion_detail"),
    path("opinions/<int:pk>/edit/", views.OpinionUpdateView.as_view(), name="opinion_edit"),
    path("audits/", views.AuditReportListView.as_view(), name="audit_list"),
    path("audits/new/", views.AuditReportCreateView.as_view(), name="audit_create"),
    path("audits/<int:pk>/", views.AuditReportDetailView.as_view(), name="audit_detail"),
    path("audits/<int:pk>/edit/", views.AuditReportUpdateView.as_view(), name="audit_edit"),
    path("checklist/", views.ActionItemListView.as_view(), name="item_list"),
    path("checklist/new/", views.ActionItemCreateView.as_view(), name="item_create"),
    path("checklist/<int:pk>/", views.ActionItemDetailView.as_view(), name="item_detail"),
    path("checklist/<int:pk>/edit/", views.ActionItemUpdateView.as_view(), name="item_edit"),
]
