from django.urls import path

from donations import public

app_name = "donations-public"

urlpatterns = [
    path("donate/", public.DonateView.as_view(), name="donate"),
    path("donate/thanks/<str:key>/", public.donate_thanks, name="thanks"),
    path("donate/pledge/", public.PledgeLookupView.as_view(), name="pledge"),
    path("donate/pay/<str:key>/<str:provider>/", public.donate_pay, name="pay"),
    path("donate/notify/<str:provider>/", public.payment_notify, name="notify"),
    path("transparency/", public.TransparencyView.as_view(), name="ledger"),
    path("transparency/ledger.csv", public.ledger_csv, name="ledger_csv"),
    path("transparency/funds/<str:code>/", public.TransparencyView.as_view(), name="fund"),
    path("transparency/funds/<str:code>/ledger.csv", public.ledger_csv, name="fund_csv"),
    path("transparency/lookup/", public.LookupView.as_view(), name="lookup"),
    path("transparency/receipts/<str:number>/", public.receipt_verify, name="receipt_verify"),
    path("transparency/receipts/<str:number>/pdf/", public.receipt_pdf, name="receipt_pdf"),
    path("transparency/disclosures/<int:pk>/", public.disclosure_detail, name="disclosure"),
    path("transparency/disclosures/<int:pk>/<str:fmt>/", public.disclosure_download, name="disclosure_download"),
]
