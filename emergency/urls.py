from django.urls import path

from emergency import views

app_name = "emergency"

urlpatterns = [
    path("", views.MatrixView.as_view(), name="matrix"),
    path("teams/", views.TeamListView.as_view(), name="team_list"),
    path("teams/new/", views.TeamCreateView.as_view(), name="team_create"),
    path("teams/<int:pk>/", views.TeamDetailView.as_view(), name="team_detail"),
    path("teams/<int:pk>/edit/", views.TeamUpdateView.as_view(), name="team_edit"),
    path("teams/<int:pk>/<str:action>/", views.TeamActionView.as_view(), name="team_action"),
    path("standards/", views.StandardListView.as_view(), name="standard_list"),
    path("standards/<int:pk>/edit/", views.StandardUpdateView.as_view(), name="standard_edit"),
    path("requirements/", views.RequirementListView.as_view(), name="requirement_list"),
    path("stock/", views.StockLotListView.as_view(), name="stock"),
    path("stock/ledger/", views.StockMovementListView.as_view(), name="ledger"),
    path("warehouses/", views.WarehouseListView.as_view(), name="warehouse_list"),
    path("warehouses/new/", views.WarehouseCreateView.as_view(), name="warehouse_create"),
    path("warehouses/<int:pk>/", views.WarehouseDetailView.as_view(), name="warehouse_detail"),
    path("warehouses/<int:pk>/<str:action>/", views.WarehouseActionView.as_view(), name="warehouse_action"),
    path("plans/", views.PlanListView.as_view(), name="plan_list"),
    path("plans/new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("alerts/", views.AlertNoticeListView.as_view(), name="alert_list"),
    path("alerts/<int:pk>/", views.AlertDetailView.as_view(), name="alert_detail"),
    path("alerts/<int:pk>/<str:action>/", views.AlertActionView.as_view(), name="alert_action"),
    path("incidents/", views.IncidentListView.as_view(), name="incident_list"),
    path("incidents/new/", views.IncidentCreateView.as_view(), name="incident_create"),
    path("incidents/<int:pk>/", views.IncidentDetailView.as_view(), name="incident_detail"),
    path("incidents/<int:pk>/<str:action>/", views.IncidentActionView.as_view(), name="incident_action"),
    path("mutual-aid/", views.AidListView.as_view(), name="aid_list"),
    path("mutual-aid/new/", views.AidCreateView.as_view(), name="aid_create"),
    path("mutual-aid/<int:pk>/", views.AidDetailView.as_view(), name="aid_detail"),
    path("mutual-aid/<int:pk>/<str:action>/", views.AidActionView.as_view(), name="aid_action"),
]
