"""The one shape of a portal "action on one object": a POST that calls one service and comes back.

    class DonationActionView(PortalActionView):
        model = Donation
        actions = {
            "confirm": Action(services.donation_confirm, form=ConfirmForm, permission="donations.change_donation",
                              message=gettext_lazy("Gift confirmed.")),
        }

The URL carries the action (`<int:pk>/<str:action>/`); a view with one action uses the key "". The object is
looked up in the user's scope (404 outside it); the form, when there is one, is validated first (its errors and
the service's `ValidationError`/`PermissionDenied` come back as messages); the service is called with the
object under its model name (or `arguments(obj, request, data)`), the form's data and `actor=request.user`.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.generic.detail import SingleObjectMixin

from redcross.portal.errors import errors_to_messages, form_errors_to_messages
from redcross.portal.views import ScopedFormMixin, ScopedMixin, StaffRequiredMixin


@dataclass(frozen=True)
class Action:
    service: Any  # the named service; called with keyword arguments and actor=
    form: type | None = None
    permission: str | None = None  # the model's change permission when None
    message: Any = gettext_lazy("Done.")  # a string, or message(result) -> string
    arguments: Any = None  # (obj, request, data) -> the service's keyword arguments (actor excluded)

    def call(self, obj, request, data):
        kwargs = self.arguments(obj, request, data) if self.arguments else {obj._meta.model_name: obj, **data}
        return self.service(**kwargs, actor=request.user)

    def success_message(self, result):
        return self.message(result) if callable(self.message) else self.message


class PortalActionView(StaffRequiredMixin, ScopedMixin, SingleObjectMixin, generic.View):
    http_method_names = ["post"]
    actions: dict = {}  # name in the URL: Action
    follow_result = False  # go to the result's page (a reversal, a new record) rather than the object's

    def get_action(self):
        action = self.actions.get(self.kwargs.get("action", ""))
        if action is None:
            raise Http404
        return action

    def get_required_permission(self):
        action = self.get_action()
        if action.permission:
            return action.permission
        meta = self.model._meta
        return f"{meta.app_label}.change_{meta.model_name}"

    def get_form(self, action):
        scoped = issubclass(action.form, ScopedFormMixin)
        return action.form(self.request.POST, **({"user": self.request.user} if scoped else {}))

    def return_to(self, obj, result=None):
        if self.follow_result and hasattr(result, "get_absolute_url"):
            return result.get_absolute_url()
        return obj.get_absolute_url()

    def post(self, request, *args, **kwargs):
        obj = self.object = self.get_object()
        action = self.get_action()
        data = {}
        if action.form is not None:
            form = self.get_form(action)
            if not form.is_valid():
                form_errors_to_messages(request, form)
                return redirect(self.return_to(obj))
            data = dict(form.cleaned_data)
        try:
            result = action.call(obj, request, data)
        except (ValidationError, PermissionDenied) as exc:
            errors_to_messages(request, exc)
            return redirect(self.return_to(obj))
        messages.success(request, action.success_message(result))
        return redirect(self.return_to(obj, result))
