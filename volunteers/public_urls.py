from django.urls import path
from django.views.generic import TemplateView

from volunteers import public

app_name = "volunteers-public"

urlpatterns = [
    path("", TemplateView.as_view(template_name="volunteers/public_landing.html"), name="landing"),
    path("apply/", public.ApplyView.as_view(), name="apply"),
    path("apply/received/", public.applied, name="applied"),
    path("status/", public.StatusView.as_view(), name="status"),
    path("status/signup/<int:pk>/", public.SelfSignUpView.as_view(), name="signup"),
    path("status/correction/<int:pk>/", public.SelfCorrectionView.as_view(), name="correction"),
    path("status/certificate/", public.SelfCertificateView.as_view(), name="certificate"),
    path("verify/", public.verify, name="verify"),
    path("checkin/<str:code>/", public.CheckInView.as_view(), name="checkin"),
]
