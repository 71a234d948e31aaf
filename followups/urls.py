from django.urls import path

from followups import views

app_name = "followups"

urlpatterns = [
    path("", views.BoardView.as_view(), name="board"),
    path("targets/", views.TargetListView.as_view(), name="target_list"),
    path("targets/new/", views.TargetCreateView.as_view(), name="target_create"),
    path("plans/", views.PlanListView.as_view(), name="plan_list"),
    path("plans/new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/<slug:action>/", views.PlanActionView.as_view(), name="plan_action"),
    path("due/", views.DueListView.as_view(), name="due_list"),
    path("visits/", views.VisitListView.as_view(), name="visit_list"),
    path("visits/new/", views.VisitCreateView.as_view(), name="visit_create"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/notes/", views.VisitNotesView.as_view(), name="visit_notes"),
    path("history/<slug:kind>/<int:pk>/", views.PartyHistoryView.as_view(), name="party_history"),
    path("issues/", views.IssueListView.as_view(), name="issue_list"),
    path("issues/<int:pk>/", views.IssueDetailView.as_view(), name="issue_detail"),
    path("issues/<int:pk>/<slug:action>/", views.IssueActionView.as_view(), name="issue_action"),
    path("bulletins/", views.BulletinListView.as_view(), name="bulletin_list"),
    path("bulletins/new/", views.BulletinCreateView.as_view(), name="bulletin_create"),
    path("bulletins/<int:pk>/", views.BulletinDetailView.as_view(), name="bulletin_detail"),
    path("bulletins/<int:pk>/pdf/", views.BulletinPdfView.as_view(), name="bulletin_pdf"),
    path("bulletins/<int:pk>/<slug:action>/", views.BulletinActionView.as_view(), name="bulletin_action"),
]
