from django.contrib.auth import views as auth_views
from django.urls import path

from redcross.portal import imports, outbox, pages

app_name = "portal"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="portal/login.html", redirect_authenticated_user=True),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("history/", pages.HistoryView.as_view(), name="history"),
    path("tokens/", pages.TokenView.as_view(), name="tokens"),
    path("outbox/", outbox.OutboxView.as_view(), name="outbox"),
    path("outbox/<int:pk>/resend/", outbox.OutboxResendView.as_view(), name="outbox_resend"),
    path("notifications/", outbox.MyNotificationsView.as_view(), name="my_notifications"),
    path("imports/", imports.ImportListView.as_view(), name="import_list"),
    path("imports/new/<str:kind>/", imports.ImportCreateView.as_view(), name="import_new"),
    path("imports/template/<str:kind>/", imports.ImportTemplateView.as_view(), name="import_template"),
    path("imports/<int:pk>/", imports.ImportDetailView.as_view(), name="import_detail"),
    path("imports/<int:pk>/status/", imports.ImportStatusView.as_view(), name="import_status"),
    path("imports/<int:pk>/errors.xlsx", imports.ImportErrorsView.as_view(), name="import_errors"),
]
