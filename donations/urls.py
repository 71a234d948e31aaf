from django.urls import path

from donations import views

app_name = "donations"

urlpatterns = [
    path("", views.DonationListView.as_view(), name="donation_list"),
    path("new/", views.DonationCreateView.as_view(), name="donation_create"),
    path("<int:pk>/", views.DonationDetailView.as_view(), name="donation_detail"),
    path("<int:pk>/<str:action>/", views.DonationActionView.as_view(), name="donation_action"),
    path("dashboard/", views.FinanceDashboardView.as_view(), name="dashboard"),
    path("reconciliation/", views.ReconciliationView.as_view(), name="reconciliation"),
    path("reconciliation/statements/<int:pk>/", views.StatementDetailView.as_view(), name="statement_detail"),
    path("reconciliation/statements/<int:pk>/confirm/", views.StatementConfirmView.as_view(),
         name="statement_confirm"),
    path("reconciliation/lines/<int:pk>/<str:action>/", views.StatementLineActionView.as_view(),
         name="statement_line_action"),
    path("donors/", views.DonorListView.as_view(), name="donor_list"),
    path("donors/new/", views.DonorCreateView.as_view(), name="donor_create"),
    path("donors/<int:pk>/", views.DonorDetailView.as_view(), name="donor_detail"),
    path("funds/", views.FundListView.as_view(), name="fund_list"),
    path("funds/new/", views.FundCreateView.as_view(), name="fund_create"),
    path("funds/<int:pk>/", views.FundDetailView.as_view(), name="fund_detail"),
    path("disbursements/", views.DisbursementListView.as_view(), name="disbursement_list"),
    path("disbursements/approvals/", views.ApprovalQueueView.as_view(), name="approvals"),
    path("disbursements/new/", views.DisbursementCreateView.as_view(), name="disbursement_create"),
    path("disbursements/<int:pk>/", views.DisbursementDetailView.as_view(), name="disbursement_detail"),
    path("disbursements/<int:pk>/<str:action>/", views.DisbursementActionView.as_view(), name="disbursement_action"),
    path("aid-cases/", views.AidCaseListView.as_view(), name="aidcase_list"),
    path("aid-cases/new/", views.AidCaseCreateView.as_view(), name="aidcase_create"),
    path("aid-cases/<int:pk>/", views.AidCaseDetailView.as_view(), name="aidcase_detail"),
    path("disclosures/", views.DisclosureListView.as_view(), name="disclosure_list"),
]
