from django.urls import path

from training import public

app_name = "training-public"

urlpatterns = [
    path("", public.SessionsView.as_view(), name="sessions"),
    path("sessions/<int:pk>/book/", public.BookView.as_view(), name="book"),
    path("bookings/<int:pk>/", public.BookedView.as_view(), name="booked"),
    path("bookings/", public.BookingLookupView.as_view(), name="bookings"),
    path("feedback/<str:token>/", public.feedback, name="feedback"),
    path("verify/", public.verify, name="verify"),
    path("verify/<str:number>/", public.verify, name="verify-number"),
]
