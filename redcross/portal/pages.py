"""Portal pages that belong to no single app: dashboard, change history, API tokens."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic
from pghistory.models import Events
from rest_framework.authtoken.models import Token

from organizations.models import Organization
from organizations.selectors import coverage_drilldown, staff_home_region
from people.models import Person
from redcross.history import describe_events, history_models
from redcross.scoping import scope_queryset
from redcross.todo import todos_for


class HomeView(LoginRequiredMixin, generic.TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        region = staff_home_region(user)
        own, children = (None, [])
        if region is not None and user.has_perm("organizations.view_coveragesnapshot"):
            own, children = coverage_drilldown(region=region, user=user)
        context.update(
            region=region,
            coverage=own,
            children=children[:30],
            organization_count=scope_queryset(Organization.objects.active(), user).count(),
            person_count=scope_queryset(Person.objects.all(), user).count()
            if user.has_perm("people.view_person") else None,
            todos=todos_for(user),
        )
        return context


class HistoryView(LoginRequiredMixin, PermissionRequiredMixin, generic.TemplateView):
    """Every recorded change, newest first; auditors and administrators read it."""

    permission_required = "redcross.view_history"
    raise_exception = True
    template_name = "portal/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = Events.objects.order_by("-pgh_created_at")
        model = self.request.GET.get("model", "")
        if model:
            events = events.filter(pgh_obj_model=model)
        page = Paginator(events, 50).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, rows=describe_events(page), model=model, models=history_models())
        return context


class TokenView(LoginRequiredMixin, PermissionRequiredMixin, generic.TemplateView):
    """Administrators issue and revoke API tokens for district systems and partner agencies."""

    permission_required = "redcross.manage_api_tokens"
    raise_exception = True
    template_name = "portal/tokens.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        User = get_user_model()
        context["tokens"] = Token.objects.select_related("user", "user__staff_profile__organization").order_by(
            "-created"
        )
        context["candidates"] = (
            User.objects.filter(is_active=True, staff_profile__isnull=False, auth_token__isnull=True)
            .select_related("staff_profile__organization").order_by("username")
        )
        return context

    def post(self, request, *args, **kwargs):
        User = get_user_model()
        if "revoke" in request.POST:
            token = get_object_or_404(Token, user_id=request.POST["revoke"])
            token.delete()
            messages.success(request, _("Token of %(user)s revoked.") % {"user": token.user.get_username()})
        elif "issue" in request.POST:
            user = get_object_or_404(User, pk=request.POST["issue"], staff_profile__isnull=False)
            token, created = Token.objects.get_or_create(user=user)
            messages.success(request, _("Token for %(user)s: %(key)s. Copy it now and hand it over safely.")
                             % {"user": user.get_username(), "key": token.key})
        return redirect("portal:tokens")
