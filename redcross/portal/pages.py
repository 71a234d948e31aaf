"""Portal pages that belong to no single app: dashboard, change history, API tokens."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import generic
from django.views.decorators.cache import never_cache
from pghistory.models import Events

from organizations.models import Organization
from organizations.selectors import coverage_drilldown, staff_home_region
from people.models import Person
from redcross import tokens
from redcross.history import describe_events, history_models
from redcross.portal.errors import errors_to_form
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
        context.update(page_obj=page, rows=describe_events(page, user=self.request.user), model=model,
                       models=history_models())
        return context


class TokenIssueForm(forms.Form):
    holder = forms.TypedChoiceField(label=_lazy("For the account"), coerce=int)
    name = forms.CharField(label=_lazy("Name"), max_length=100,
                           help_text=_lazy("What the token is for, e.g. the calling system."))
    days = forms.TypedChoiceField(label=_lazy("Valid for"), coerce=int, initial=90,
                                  choices=[(30, _lazy("30 days")), (90, _lazy("90 days")), (180, _lazy("180 days")),
                                           (365, _lazy("one year"))])

    def __init__(self, *args, holders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].choices = [
            (user.pk, f"{user.get_username()} · {getattr(getattr(user, 'staff_profile', None), 'organization', '')}")
            for user in holders]


@method_decorator(never_cache, name="dispatch")
class TokenView(LoginRequiredMixin, generic.TemplateView):
    """API keys: each staffer's own, and an administrator's keys for partner-agency accounts. A key is shown once."""

    template_name = "portal/tokens.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and getattr(request.user, "staff_profile", None) is None \
                and not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        holders = tokens.holders_for(user)
        context.setdefault("form", TokenIssueForm(holders=holders, initial={"holder": user.pk}))
        context["tokens"] = tokens.tokens_visible_to(user).order_by("-created")
        context["now"] = timezone.now()
        return context

    def post(self, request, *args, **kwargs):
        User = get_user_model()
        user = request.user
        if "revoke" in request.POST:
            token = get_object_or_404(tokens.tokens_visible_to(user), token_key=request.POST["revoke"][:25])
            tokens.token_revoke(actor=user, token=token)
            messages.success(request, _("Token %(name)s revoked.") % {"name": token.name})
            return redirect("portal:tokens")
        form = TokenIssueForm(request.POST, holders=tokens.holders_for(user))
        if form.is_valid():
            holder = get_object_or_404(User, pk=form.cleaned_data["holder"])
            try:
                token, key = tokens.token_issue(actor=user, holder=holder, name=form.cleaned_data["name"],
                                                days=form.cleaned_data["days"])
            except PermissionDenied as exc:
                form.add_error("holder", str(exc))
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                # Shown in this answer only: never stored in clear, never put in a message cookie.
                return self.render_to_response(self.get_context_data(
                    new_key=key, new_token=token,
                    form=TokenIssueForm(holders=tokens.holders_for(user), initial={"holder": user.pk})))
        return self.render_to_response(self.get_context_data(form=form), status=400)
