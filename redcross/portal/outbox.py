"""The outbox (what was sent, held, failed or interrupted) and each staff user's own notification settings."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from redcross.delivery import notification_requeue
from redcross.digests import notification_settings_save
from redcross.models import DigestSubscription, Notification, NotificationPreference
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.errors import errors_to_messages
from redcross.scoping import ALL, user_scope_prefix


class OutboxView(LoginRequiredMixin, PermissionRequiredMixin, generic.TemplateView):
    """City-level: every queued message with its status, attempts and last error; resend what a person checked."""

    permission_required = "redcross.view_notification"
    raise_exception = True
    template_name = "portal/outbox.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_scope_prefix(request.user) != ALL:
            raise PermissionDenied  # messages to people of every district: city staff only
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        rows = Notification.objects.select_related("person", "user").order_by("-created_at", "-id")
        if status in Notification.Status.values:
            rows = rows.filter(status=status)
        counts = dict(Notification.objects.values_list("status").annotate(n=Count("id")))
        context.update(
            title=_("Outbox"), page_obj=Paginator(rows, 50).get_page(self.request.GET.get("page")), status=status,
            statuses=[(value, label, counts.get(value, 0)) for value, label in Notification.Status.choices],
            can_resend=self.request.user.has_perm("redcross.change_notification"))
        return context



class OutboxResendView(PortalActionView):
    """Send again a message a person checked: uncertain, failed or held (city staff, like the outbox)."""

    model = Notification
    actions = {"": Action(notification_requeue, message=gettext_lazy("The message is queued to be sent again."))}

    def get_queryset(self):
        # Messages to people of every district: city staff only (anyone else gets a 404).
        rows = Notification.objects.all()
        return rows if user_scope_prefix(self.request.user) == ALL else rows.none()

    def return_to(self, obj, result=None):
        status = self.request.GET.get("status", "")
        return reverse("portal:outbox") + (f"?status={status}" if status in Notification.Status.values else "")


class MyNotificationsView(LoginRequiredMixin, generic.TemplateView):
    """A staff user's digests (daily / weekly), e-mail or portal channel, and opt-out of non-essential messages."""

    template_name = "portal/my_notifications.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        subscriptions = {s.frequency: s for s in DigestSubscription.objects.filter(user=user, is_active=True)}
        preference = NotificationPreference.objects.filter(user=user, kind_prefix="").first()
        context.update(title=_("My notifications"), subscriptions=subscriptions, preference=preference,
                       frequencies=DigestSubscription.Frequency.choices,
                       channels=[c for c in Notification.Channel.choices if c[0] != Notification.Channel.SMS],
                       recent=Notification.objects.filter(user=user).order_by("-created_at")[:20])
        return context

    def post(self, request, *args, **kwargs):
        try:
            notification_settings_save(
                actor=request.user, digests=request.POST.getlist("digest"),
                channel=request.POST.get("channel", Notification.Channel.EMAIL),
                opted_out=request.POST.get("opted_out") == "on")
            messages.success(request, _("Your notification settings are saved."))
        except ValidationError as error:
            errors_to_messages(request, error)
        return redirect("portal:my_notifications")
