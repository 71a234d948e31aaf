"""Staff portal pages of volunteer service: lists, the volunteer's file, activities with QR check-in, hours."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import generic

from redcross.documents import qr_png
from redcross.filters import RegionTreeChoiceFilter
from redcross.portal.views import PortalCreateView, PortalDetailView, PortalListView, ScopedMixin, StaffRequiredMixin
from volunteers import forms, services
from volunteers.choices import SignUpStatus, VolunteerStatus
from volunteers.documents import certificate_pdf
from volunteers.filtersets import ActivityFilterSet, ServiceRecordFilterSet, TeamFilterSet, VolunteerFilterSet
from volunteers.models import Activity, CorrectionRequest, ServiceCertificate, ServiceRecord, SignUp, Team, Volunteer
from volunteers.selectors import volunteer_dashboard, with_activity


def _flash_errors(request, exc):
    if isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(exc))


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


class VolunteerPortalFilterSet(VolunteerFilterSet):
    region = RegionTreeChoiceFilter(label=gettext_lazy("District / town"), also=("person__region__code",))


class ActivityPortalFilterSet(ActivityFilterSet):
    region = RegionTreeChoiceFilter(label=gettext_lazy("District / town"))


class ServiceRecordPortalFilterSet(ServiceRecordFilterSet):
    """The ledger filters by volunteer number, not by a select of every volunteer."""

    volunteer = django_filters.CharFilter(field_name="volunteer__number", label=gettext_lazy("Volunteer number"))
    activity = None
    region = RegionTreeChoiceFilter(label=gettext_lazy("District / town"))

    class Meta(ServiceRecordFilterSet.Meta):
        fields = ["volunteer", "region", "status", "kind"]


class VolunteerListView(PortalListView):
    model = Volunteer
    filterset_class = VolunteerPortalFilterSet
    columns = [("number", gettext_lazy("Volunteer number")), ("person__masked_name", pgettext_lazy("person", "Name")),
               ("tier", gettext_lazy("Tier")), ("status", gettext_lazy("Status")),
               ("organization__name", gettext_lazy("Organisation")), ("stars", gettext_lazy("Stars")),
               ("confirmed_hours", gettext_lazy("Confirmed hours")), ("applied_at", gettext_lazy("Applied at"))]
    sortable = ("number", "stars", "confirmed_hours", "applied_at")
    default_sort = ("-id",)
    select_related = ("person", "organization")
    import_kind = "volunteers.volunteer"
    export_name = "volunteers"

    def get_title(self):
        return _("Volunteer records")


class VolunteerDetailView(PortalDetailView):
    model = Volunteer
    template_name = "volunteers/volunteer_detail.html"
    fields = [("number", gettext_lazy("Volunteer number")), ("person__masked_name", pgettext_lazy("person", "Name")),
              ("person__document_number_masked", gettext_lazy("Document number")),
              ("person__mobile_masked", gettext_lazy("Mobile")), ("tier", gettext_lazy("Tier")),
              ("status", gettext_lazy("Status")), ("organization__name", gettext_lazy("Organisation")),
              ("skills_display", gettext_lazy("Skills")), ("qualifications", gettext_lazy("Professional qualifications")),
              ("availability", gettext_lazy("Availability")), ("confirmed_hours", gettext_lazy("Confirmed hours")),
              ("stars", gettext_lazy("Stars")), ("guardian_name", gettext_lazy("Guardian")),
              ("applied_at", gettext_lazy("Applied at")), ("decided_at", gettext_lazy("Decided at")),
              ("decline_reason", gettext_lazy("Reason for declining")),
              ("registered_at", gettext_lazy("Registered as Red Cross volunteer at"))]

    def get_queryset(self):
        return super().get_queryset().select_related("person", "organization__region")

    def get_context_data(self, **kwargs):
        volunteer = self.object
        volunteer.skills_display = "、".join(str(label) for value, label in
                                             Volunteer._meta.get_field("skills").base_field.choices
                                             if value in volunteer.skills)
        context = super().get_context_data(**kwargs)
        annotated = with_activity(Volunteer.objects.filter(pk=volunteer.pk)).values("window_hours", "is_active")[0]
        user = self.request.user
        can_change = user.has_perm("volunteers.change_volunteer")
        context.update(
            activity=annotated,
            records=volunteer.service_records.select_related("activity", "organization", "adjusts")[:200],
            signups=volunteer.signups.select_related("activity").order_by("-activity__starts_at")[:50],
            insurances=volunteer.insurances.all(),
            commendations=volunteer.commendations.all(),
            evaluations=volunteer.evaluations.all(),
            exits=volunteer.exits.all(),
            teams=volunteer.teams.all(),
            certificates=volunteer.certificates.all(),
            correction_requests=volunteer.correction_requests.select_related("record", "correction"),
            can_change=can_change,
            due_for_registration=volunteer.status == VolunteerStatus.SIGNED_UP
            and services.hours_in_last_year(volunteer) >= services._rules()["VOLUNTEER_REGISTRATION_HOURS"],
            forms={
                "decline": forms.DeclineForm(), "exit": forms.ExitForm(), "insurance": forms.InsuranceForm(),
                "commendation": forms.CommendationForm(), "evaluation": forms.EvaluationForm(),
                "team": forms.TeamJoinForm(user=user), "correct": forms.CorrectionForm(),
                "answer": forms.CorrectionAnswerForm(),
            },
        )
        return context


class VolunteerActionView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    """POST-only actions on a volunteer's file; each calls one service and comes back to the file."""

    model = Volunteer
    permission_action = "change"
    http_method_names = ["post"]
    ACTIONS = {
        "accept": (None, lambda v, u, d: services.volunteer_accept(volunteer=v, actor=u), gettext_lazy("Accepted.")),
        "decline": (forms.DeclineForm, lambda v, u, d: services.volunteer_decline(volunteer=v, actor=u, **d),
                    gettext_lazy("Application declined.")),
        "register": (None, lambda v, u, d: services.volunteer_register(volunteer=v, actor=u),
                     gettext_lazy("Registered as a Red Cross volunteer.")),
        "exit": (forms.ExitForm, lambda v, u, d: services.volunteer_exit(volunteer=v, actor=u, **d),
                 gettext_lazy("Exit recorded; the record and its hours stay.")),
        "rejoin": (None, lambda v, u, d: services.volunteer_rejoin(volunteer=v, actor=u),
                   gettext_lazy("Welcome back: the volunteer is signed up again.")),
        "insurance": (forms.InsuranceForm, lambda v, u, d: services.insurance_add(volunteer=v, actor=u, **d),
                      gettext_lazy("Insurance cover added.")),
        "commendation": (forms.CommendationForm,
                         lambda v, u, d: services.commendation_add(volunteer=v, actor=u, **d),
                         gettext_lazy("Commendation recorded.")),
        "evaluation": (forms.EvaluationForm, lambda v, u, d: services.evaluation_add(volunteer=v, actor=u, **d),
                       gettext_lazy("Evaluation recorded.")),
        "team": (forms.TeamJoinForm, lambda v, u, d: services.team_join(volunteer=v, actor=u, **d),
                 gettext_lazy("Added to the team.")),
        "certificate": (None, lambda v, u, d: services.certificate_issue(volunteer=v, actor=u),
                        gettext_lazy("Certificate issued.")),
    }

    def post(self, request, *args, **kwargs):
        volunteer = self.get_object()
        entry = self.ACTIONS.get(kwargs["action"])
        if entry is None:
            raise Http404
        form_class, call, done = entry
        data = {}
        if form_class is not None:
            form = form_class(request.POST, **({"user": request.user} if form_class is forms.TeamJoinForm else {}))
            if not form.is_valid():
                _form_errors(request, form)
                return redirect(volunteer.get_absolute_url())
            data = form.cleaned_data
        try:
            call(volunteer, request.user, data)
        except (ValidationError, PermissionDenied) as exc:
            _flash_errors(request, exc)
        else:
            messages.success(request, done)
        return redirect(volunteer.get_absolute_url())


class CertificatePdfView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    model = ServiceCertificate

    def get_queryset(self):
        return super().get_queryset().select_related("volunteer__person", "organization")

    def get(self, request, *args, **kwargs):
        return certificate_response(request, self.get_object())


def certificate_response(request, certificate, attachment=False):
    verify_url = request.build_absolute_uri(reverse("verify-short", args=[certificate.number]))
    response = HttpResponse(certificate_pdf(certificate, verify_url), content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{certificate.number}.pdf"'
    return response


class CertificateListView(PortalListView):
    model = ServiceCertificate
    columns = [("number", gettext_lazy("Certificate number")), ("volunteer__number", gettext_lazy("Volunteer number")),
               ("volunteer__person__masked_name", pgettext_lazy("person", "Name")),
               ("hours", gettext_lazy("Confirmed hours")), ("organization__name", gettext_lazy("Issuing organisation")),
               ("handler_name", gettext_lazy("Handler")), ("issued_on", gettext_lazy("Issued on"))]
    sortable = ("issued_on", "hours")
    default_sort = ("-issued_on", "-id")
    select_related = ("volunteer__person", "organization")
    filterset_fields = ["issued_on"]
    export_name = "volunteer-certificates"
    link_rows = False


class VolunteerDashboardView(StaffRequiredMixin, generic.TemplateView):
    model = Volunteer
    template_name = "volunteers/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = volunteer_dashboard(user=self.request.user)
        tiers = dict(Volunteer._meta.get_field("tier").choices)
        figures["tiers"] = [(tiers[key], figures["by_tier"].get(key, 0)) for key in tiers]
        peak = max([hours for _month, hours in figures["hours_per_month"]] + [1])
        figures["months"] = [(month, hours, round(float(hours) * 100 / float(peak), 1))
                             for month, hours in figures["hours_per_month"]]
        star_peak = max([n for _s, n in figures["by_star"]] + [1])
        figures["stars"] = [(stars, n, round(n * 100 / star_peak, 1)) for stars, n in figures["by_star"]]
        tier_total = max(sum(n for _t, n in figures["tiers"]), 1)
        figures["tiers"] = [(label, n, round(n * 100 / tier_total, 1)) for label, n in figures["tiers"]]
        context.update(title=_("Volunteer dashboard"), figures=figures)
        return context


class TeamListView(PortalListView):
    model = Team
    filterset_class = TeamFilterSet
    columns = [("name", gettext_lazy("Name")), ("kind", gettext_lazy("Kind")),
               ("organization__name", gettext_lazy("Organisation")), ("is_active", gettext_lazy("Active"))]
    sortable = ("name",)
    default_sort = ("name",)
    select_related = ("organization",)
    export_name = "volunteer-teams"
    link_rows = False


# --- activities and hours -------------------------------------------------------------------

class ActivityListView(PortalListView):
    model = Activity
    filterset_class = ActivityPortalFilterSet
    columns = [("title", gettext_lazy("Title")), ("kind", gettext_lazy("Kind")),
               ("organization__name", gettext_lazy("Organiser")), ("region__name", gettext_lazy("Region")),
               ("place", gettext_lazy("Place")), ("starts_at", gettext_lazy("Starts at")),
               ("capacity", gettext_lazy("Capacity")), ("is_risky", gettext_lazy("Risky"))]
    sortable = ("starts_at", "capacity")
    default_sort = ("-starts_at",)
    select_related = ("organization", "region")
    create_url_name = "volunteers:activity_create"
    export_name = "volunteer-activities"


class ActivityCreateView(PortalCreateView):
    model = Activity
    form_class = forms.ActivityForm

    def save(self, form):
        return services.activity_create(actor=self.request.user, **form.cleaned_data)


class ActivityDetailView(PortalDetailView):
    model = Activity
    template_name = "volunteers/activity_detail.html"
    fields = [("title", gettext_lazy("Title")), ("kind", gettext_lazy("Kind")),
              ("organization__name", gettext_lazy("Organiser")), ("region__name", gettext_lazy("Region")),
              ("place", gettext_lazy("Place")), ("starts_at", gettext_lazy("Starts at")),
              ("ends_at", gettext_lazy("Ends at")), ("capacity", gettext_lazy("Capacity")),
              ("is_risky", gettext_lazy("Risky (needs accident insurance)")),
              ("description", gettext_lazy("Description"))]

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        signups = (activity.signups.select_related("volunteer__person", "service_record")
                   .order_by("status", "signed_up_at"))
        taken = sum(1 for s in signups if s.status != SignUpStatus.CANCELLED)
        profile = getattr(self.request.user, "staff_profile", None)
        context.update(
            signups=signups, taken=taken,
            checkin_url=self.request.build_absolute_uri(
                reverse("volunteer-public:checkin", args=[activity.checkin_code])),
            can_manage=self.request.user.has_perm("volunteers.change_signup"),
            can_confirm_for=profile.organization_id if profile else None,
            signup_form=forms.SignUpAddForm(), record_form=forms.RecordHoursForm(),
            now=timezone.now(),
        )
        return context


class ActivityQrView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    model = Activity

    def get(self, request, *args, **kwargs):
        activity = self.get_object()
        url = request.build_absolute_uri(reverse("volunteer-public:checkin", args=[activity.checkin_code]))
        return HttpResponse(qr_png(url), content_type="image/png")


class ActivityActionView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    """POST-only: add a volunteer, check in or out, record and confirm hours."""

    model = Activity
    http_method_names = ["post"]

    def get_required_permission(self):
        return "volunteers.change_signup"

    def _signup(self, activity):
        return get_object_or_404(SignUp.objects.select_related("volunteer__organization"), activity=activity,
                                 pk=self.request.POST.get("signup"))

    def post(self, request, *args, **kwargs):
        activity = self.get_object()
        action = kwargs["action"]
        try:
            if action == "signup":
                form = forms.SignUpAddForm(request.POST)
                if not form.is_valid():
                    _form_errors(request, form)
                    return redirect(activity.get_absolute_url())
                volunteer = Volunteer.objects.filter(number=form.cleaned_data["number"].strip()).first()
                if volunteer is None:
                    raise ValidationError({"number": _("Volunteer number: no volunteer has this number.")})
                services.activity_sign_up(activity=activity, volunteer=volunteer)
                messages.success(request, _("Signed up."))
            elif action == "checkin":
                signup = self._signup(activity)
                services.activity_check_in(activity=activity, volunteer=signup.volunteer, actor=request.user)
                messages.success(request, _("Checked in."))
            elif action == "checkout":
                signup = self._signup(activity)
                services.activity_check_out(activity=activity, volunteer=signup.volunteer, actor=request.user)
                messages.success(request, _("Checked out."))
            elif action == "record":
                signup = self._signup(activity)
                form = forms.RecordHoursForm(request.POST)
                if not form.is_valid():
                    _form_errors(request, form)
                    return redirect(activity.get_absolute_url())
                services.service_record_create(
                    volunteer=signup.volunteer, actor=request.user, signup=signup,
                    served_on=timezone.localtime(activity.starts_at).date(), **form.cleaned_data)
                messages.success(request, _("Hours recorded; confirm them to count."))
            elif action == "confirm":
                record = get_object_or_404(ServiceRecord, activity=activity, pk=request.POST.get("record"))
                services.service_record_confirm(record=record, actor=request.user)
                messages.success(request, _("Hours confirmed."))
            else:
                raise Http404
        except (ValidationError, PermissionDenied) as exc:
            _flash_errors(request, exc)
        return redirect(activity.get_absolute_url())


class ServiceRecordListView(PortalListView):
    model = ServiceRecord
    filterset_class = ServiceRecordPortalFilterSet
    columns = [("served_on", gettext_lazy("Served on")), ("volunteer__number", gettext_lazy("Volunteer number")),
               ("volunteer__person__masked_name", pgettext_lazy("person", "Name")),
               ("activity__title", gettext_lazy("Activity")), ("kind", gettext_lazy("Kind")),
               ("hours", gettext_lazy("Hours")), ("content", gettext_lazy("Content of service")),
               ("status", gettext_lazy("Status")), ("organization__name", gettext_lazy("Recording organisation"))]
    sortable = ("served_on", "hours")
    default_sort = ("-served_on", "-id")
    select_related = ("volunteer__person", "activity", "organization")
    export_name = "service-hours"
    link_rows = False

    def get_title(self):
        return _("Service hours ledger")


class RecordCorrectView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    """A correction of confirmed hours: a new adjusting record with a reason."""

    model = ServiceRecord
    permission_action = "add"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        form = forms.CorrectionForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
        else:
            try:
                services.service_record_correct(record=record, actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                _flash_errors(request, exc)
            else:
                messages.success(request, _("Correction recorded; it counts once the organiser confirms it."))
        return redirect(record.volunteer.get_absolute_url())


class CorrectionAnswerView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    """Staff answer a volunteer's correction request: a correcting record, or a reasoned refusal."""

    model = CorrectionRequest
    permission_action = "change"
    http_method_names = ["post"]

    def get_required_permission(self):
        return "volunteers.add_servicerecord"

    def post(self, request, *args, **kwargs):
        correction_request = self.get_object()
        form = forms.CorrectionAnswerForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
        else:
            try:
                services.correction_request_answer(request=correction_request, actor=request.user,
                                                   **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                _flash_errors(request, exc)
            else:
                messages.success(request, _("Answer recorded; the volunteer sees it on their record."))
        return redirect(correction_request.volunteer.get_absolute_url())


class RecordConfirmView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    model = ServiceRecord
    permission_action = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        try:
            services.service_record_confirm(record=record, actor=request.user)
        except (ValidationError, PermissionDenied) as exc:
            _flash_errors(request, exc)
        else:
            messages.success(request, _("Hours confirmed."))
        return redirect(record.volunteer.get_absolute_url())

