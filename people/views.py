import json

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import generic

from people import rights, services
from people.filtersets import PersonFilterSet
from people.forms import PersonForm, RevealForm
from people.models import Person, PersonalDataAccess, PersonalDataRequest
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.errors import errors_to_form, errors_to_messages
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    PortalUpdateView,
    ScopedMixin,
    StaffRequiredMixin,
)
from redcross.scoping import scope_queryset


def _may_reveal(user):
    return user.has_perm("people.reveal_personal_data")


def _without_birth_date(pairs, user):
    """A masked ID number hides exactly the birth-date digits: without the reveal permission show the age instead."""
    if _may_reveal(user):
        return pairs
    return [(("age", gettext_lazy("Age")) if path == "birth_date" else (path, label)) for path, label in pairs
            if not (path == "age" and any(p == "birth_date" for p, _label in pairs))]


class PersonListView(PortalListView):
    model = Person
    filterset_class = PersonFilterSet
    columns = [("masked_name", pgettext_lazy("person", "Name")), ("document_type", gettext_lazy("Document type")),
               ("document_number_masked", gettext_lazy("Document number")), ("sex", gettext_lazy("Sex")),
               ("birth_date", gettext_lazy("Birth date")), ("mobile_masked", gettext_lazy("Mobile")),
               ("region__name", gettext_lazy("Region"))]
    sortable = ("birth_date", "region__name")
    default_sort = ("-id",)
    select_related = ("region",)
    create_url_name = "people:person_create"
    import_kind = "people.person"
    export_name = "people"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.columns = _without_birth_date(type(self).columns, request.user)
        if not _may_reveal(request.user):
            self.sortable = ("region__name",)


class PersonDetailView(PortalDetailView):
    model = Person
    template_name = "people/person_detail.html"
    fields = [
        ("masked_name", pgettext_lazy("person", "Name")),
        ("document_type", gettext_lazy("Document type")),
        ("document_number_masked", gettext_lazy("Document number")),
        ("sex", gettext_lazy("Sex")),
        ("birth_date", gettext_lazy("Birth date")),
        ("age", gettext_lazy("Age")),
        ("mobile_masked", gettext_lazy("Mobile")),
        ("region__name", gettext_lazy("Region of residence")),
        ("created_at", gettext_lazy("Registered")),
    ]
    edit_url_name = "people:person_edit"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.fields = _without_birth_date(type(self).fields, request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_reveal"] = self.request.user.has_perm("people.reveal_personal_data")
        context["reveal_form"] = RevealForm()
        return context


def _person_fields(form, *, editing):
    data = dict(form.cleaned_data)
    if editing:
        for key in ("document_number", "mobile"):
            if not data.get(key):
                data.pop(key, None)
    return data


class PersonCreateView(PortalCreateView):
    model = Person
    form_class = PersonForm

    def save(self, form):
        person = services.person_create(actor=self.request.user, **_person_fields(form, editing=False))
        for warning in person.warnings:
            messages.warning(self.request, warning)
        return person


class PersonUpdateView(PortalUpdateView):
    model = Person
    form_class = PersonForm

    def save(self, form):
        person = services.person_update(person=self.object, actor=self.request.user,
                                        **_person_fields(form, editing=True))
        for warning in person.warnings:
            messages.warning(self.request, warning)
        return person


class PersonRevealView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    """POST only: shows the unmasked data once, and logs the access with its reason."""

    model = Person
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        person = self.get_object()
        form = RevealForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Reason: say why you need the unmasked data."))
            return redirect(person.get_absolute_url())
        data = services.person_reveal(
            person=person, actor=request.user, reason=form.cleaned_data["reason"],
            channel=PersonalDataAccess.Channel.PORTAL, ip_address=request.META.get("REMOTE_ADDR"),
        )
        return render(request, "people/person_revealed.html", {"person": person, "data": data, "title": str(person)})


class AccessFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="user__username", lookup_expr="icontains", label=gettext_lazy("User"))

    class Meta:
        model = PersonalDataAccess
        fields = ["q", "channel"]


class AccessListView(PortalListView):
    model = PersonalDataAccess
    filterset_class = AccessFilterSet
    columns = [("accessed_at", gettext_lazy("When")), ("user_name", gettext_lazy("User")),
               ("person__masked_name", gettext_lazy("Person")), ("fields_label", gettext_lazy("Fields")),
               ("reason", gettext_lazy("Reason")), ("channel", gettext_lazy("Channel")),
               ("ip_address", gettext_lazy("IP address"))]
    sortable = ("accessed_at",)
    default_sort = ("-accessed_at",)
    select_related = ("user", "person")
    export_name = "personal-data-access"
    link_rows = False


class DataRequestFilterSet(django_filters.FilterSet):
    class Meta:
        model = PersonalDataRequest
        fields = ["kind", "status"]


class DataRequestListView(PortalListView):
    """PIPL Art. 44–47 requests: what each person asked and how it was answered."""

    model = PersonalDataRequest
    filterset_class = DataRequestFilterSet
    columns = [("received_at", gettext_lazy("Received")), ("person__masked_name", pgettext_lazy("person", "Name")),
               ("kind", gettext_lazy("Request")), ("status", gettext_lazy("Status")),
               ("answered_at", gettext_lazy("Answered")), ("answered_by__username", gettext_lazy("Answered by"))]
    sortable = ("received_at",)
    default_sort = ("-received_at",)
    select_related = ("person", "answered_by")
    create_url_name = "people:request_create"
    export_name = "personal-data-requests"


class DataRequestForm(forms.Form):
    person = forms.IntegerField(label=gettext_lazy("Person (ID in the registry)"), min_value=1)
    kind = forms.ChoiceField(label=gettext_lazy("Request"), choices=PersonalDataRequest.Kind.choices)
    details = forms.CharField(label=gettext_lazy("What the person asks"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False, max_length=2000)
    received_via = forms.CharField(label=gettext_lazy("Received via"), max_length=100, required=False)


class DataRequestCreateView(StaffRequiredMixin, generic.FormView):
    form_class = DataRequestForm
    template_name = "portal/form.html"

    def get_required_permission(self):
        return "people.add_personaldatarequest"

    def get_initial(self):
        return {"person": self.request.GET.get("person")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Record a personal data request"), **kwargs)

    def form_valid(self, form):
        person = scope_queryset(Person.objects.all(), self.request.user).filter(pk=form.cleaned_data["person"]).first()
        if person is None:
            form.add_error("person", _("Person: no person with this ID in your area."))
            return self.form_invalid(form)
        try:
            request = rights.data_request_record(actor=self.request.user, person=person,
                                                 kind=form.cleaned_data["kind"], details=form.cleaned_data["details"],
                                                 received_via=form.cleaned_data["received_via"])
        except (ValidationError, PermissionDenied) as exc:
            errors_to_form(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The request is recorded; answer it on this page."))
        return redirect(request.get_absolute_url())


class DataRequestDetailView(PortalDetailView):
    model = PersonalDataRequest
    template_name = "people/request_detail.html"
    fields = [("person__masked_name", pgettext_lazy("person", "Name")), ("kind", gettext_lazy("Request")),
              ("details", gettext_lazy("What the person asks")), ("received_via", gettext_lazy("Received via")),
              ("received_at", gettext_lazy("Received")), ("recorded_by__username", gettext_lazy("Recorded by")),
              ("status", gettext_lazy("Status")), ("answered_at", gettext_lazy("Answered")),
              ("answered_by__username", gettext_lazy("Answered by")), ("answer", gettext_lazy("Answer"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_answer"] = (self.object.status == PersonalDataRequest.Status.RECEIVED
                                 and self.request.user.has_perm("people.change_personaldatarequest"))
        return context

    def post(self, request, *args, **kwargs):
        """The access request's export: a download, not a redirect (the other answers are `DataRequestActionView`)."""
        self.object = data_request = self.get_object()
        if request.POST.get("action") != "export":
            messages.error(request, _("Choose an answer."))
            return redirect(data_request.get_absolute_url())
        try:
            data = rights.data_request_export(request=data_request, actor=request.user,
                                              ip_address=request.META.get("REMOTE_ADDR"))
        except (ValidationError, PermissionDenied) as exc:
            errors_to_messages(request, exc)
            return redirect(data_request.get_absolute_url())
        response = HttpResponse(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{data_request.pk}.json"'
        return response


class DataRequestAnswerForm(forms.Form):
    answer = forms.CharField(label=gettext_lazy("Answer"), required=False, max_length=2000)


def _request_arguments(obj, request, data):
    return {"request": obj, **data}


class DataRequestActionView(PortalActionView):
    """Answers to a PIPL request that change records: anonymise, mark corrected, refuse (each a `people.rights`
    service, logged)."""

    model = PersonalDataRequest
    actions = {
        "anonymise": Action(rights.data_request_anonymise, arguments=lambda obj, request, data: {"request": obj},
                            message=gettext_lazy("The request is answered.")),
        "corrected": Action(rights.data_request_correct, form=DataRequestAnswerForm, arguments=_request_arguments,
                            message=gettext_lazy("The request is answered.")),
        "refuse": Action(rights.data_request_refuse, form=DataRequestAnswerForm, arguments=_request_arguments,
                         message=gettext_lazy("The request is answered.")),
    }
