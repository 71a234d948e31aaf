import django_filters
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import generic

from people import services
from people.filtersets import PersonFilterSet
from people.forms import PersonForm, RevealForm
from people.models import Person, PersonalDataAccess
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    PortalUpdateView,
    ScopedMixin,
    StaffRequiredMixin,
)


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
