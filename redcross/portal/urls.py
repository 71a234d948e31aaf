from django.contrib.auth import views as auth_views
from django.urls import path

from redcross.portal import pages

app_name = "portal"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="portal/login.html", redirect_authenticated_user=True),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("history/", pages.HistoryView.as_view(), name="history"),
    path("tokens/", pages.TokenView.as_view(), name="tokens"),
]
