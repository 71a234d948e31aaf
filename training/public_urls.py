from django.urls import path

from training import public

urlpatterns = [
    path("", public.SessionsView.as_view(), name="training-sessions"),
    path("sessions/<int:pk>/book/", public.BookView.as_view(), name="training-book"),
    path("bookings/<int:pk>/", public.BookedView.as_view(), name="training-booked"),
    path("bookings/", public.BookingLookupView.as_view(), name="training-bookings"),
    path("feedback/<str:token>/", public.feedback, name="training-feedback"),
    path("verify/", public.verify, name="training-verify"),
    path("verify/<str:number>/", public.verify, name="training-verify-number"),
]
