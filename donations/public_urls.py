from django.urls import path

from donations import public

app_name = "transparency"

urlpatterns = [
    path("", public.TransparencyView.as_view(), name="ledger"),
    path("ledger.csv", public.ledger_csv, name="ledger_csv"),
    path("funds/<str:code>/", public.TransparencyView.as_view(), name="fund"),
    path("funds/<str:code>/ledger.csv", public.ledger_csv, name="fund_csv"),
    path("lookup/", public.LookupView.as_view(), name="lookup"),
    path("receipts/<str:number>/", public.receipt_verify, name="receipt_verify"),
    path("receipts/<str:number>/pdf/", public.receipt_pdf, name="receipt_pdf"),
    path("disclosures/<int:pk>/", public.disclosure_detail, name="disclosure"),
    path("disclosures/<int:pk>/<str:fmt>/", public.disclosure_download, name="disclosure_download"),
]
