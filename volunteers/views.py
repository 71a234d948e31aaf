"""Staff portal pages of volunteer service: lists, the volunteer's file, activities with QR check-in, hours."""

import django_filters
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import generic

from organizations.filters import RegionTreeChoiceFilter
from redcross.documents import qr_png
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.views import PortalCreateView, PortalDetailView, PortalListView, ScopedMixin, StaffRequiredMixin
from volunteers import forms, services
from volunteers.choices import SignUpStatus, VolunteerStatus
from volunteers.documents import certificate_pdf
from volunteers.filtersets import ActivityFilterSet, ServiceRecordFilterSet, TeamFilterSet, VolunteerFilterSet
from volunteers.models import Activity, CorrectionRequest, ServiceCertificate, ServiceRecord, SignUp, Team, Volunteer
from volunteers.selectors import volunteer_dashboard, with_activity


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
    fields = [
        ("number", gettext_lazy("Volunteer number")),
        ("person__masked_name", pgettext_lazy("person", "Name")),
        ("person__document_number_masked", gettext_lazy("Document number")),
        ("person__mobile_masked", gettext_lazy("Mobile")),
        ("tier", gettext_lazy("Tier")),
        ("status", gettext_lazy("Status")),
        ("organization__name", gettext_lazy("Organisation")),
        ("skills_display", gettext_lazy("Skills")),
        ("qualifications", gettext_lazy("Professional qualifications")),
        ("availability", gettext_lazy("Availability")),
        ("confirmed_hours", gettext_lazy("Confirmed hours")),
        ("stars", gettext_lazy("Stars")),
        ("guardian_name", gettext_lazy("Guardian")),
        ("applied_at", gettext_lazy("Applied at")),
        ("decided_at", gettext_lazy("Decided at")),
        ("decline_reason", gettext_lazy("Reason for declining")),
        ("registered_at", gettext_lazy("Registered as Red Cross volunteer at")),
    ]

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
            and services.registration_due(volunteer),
            forms={
                "decline": forms.DeclineForm(), "exit": forms.ExitForm(), "insurance": forms.InsuranceForm(),
                "commendation": forms.CommendationForm(), "evaluation": forms.EvaluationForm(),
                "team": forms.TeamJoinForm(user=user), "correct": forms.CorrectionForm(),
                "answer": forms.CorrectionAnswerForm(),
            },
        )
        return context


class VolunteerActionView(PortalActionView):
    """POST-only actions on a volunteer's file; each calls one service and comes back to the file."""

    model = Volunteer
    actions = {
        "accept": Action(services.volunteer_accept, message=gettext_lazy("Accepted.")),
        "decline": Action(services.volunteer_decline, form=forms.DeclineForm,
                          message=gettext_lazy("Application declined.")),
        "register": Action(services.volunteer_register, message=gettext_lazy("Registered as a Red Cross volunteer.")),
        "exit": Action(services.volunteer_exit, form=forms.ExitForm,
                       message=gettext_lazy("Exit recorded; the record and its hours stay.")),
        "rejoin": Action(services.volunteer_rejoin,
                         message=gettext_lazy("Welcome back: the volunteer is signed up again.")),
        "insurance": Action(services.insurance_add, form=forms.InsuranceForm,
                            message=gettext_lazy("Insurance cover added.")),
        "commendation": Action(services.commendation_add, form=forms.CommendationForm,
                               message=gettext_lazy("Commendation recorded.")),
        "evaluation": Action(services.evaluation_add, form=forms.EvaluationForm,
                             message=gettext_lazy("Evaluation recorded.")),
        "team": Action(services.team_join, form=forms.TeamJoinForm, message=gettext_lazy("Added to the team.")),
        "certificate": Action(services.certificate_issue, message=gettext_lazy("Certificate issued.")),
    }


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
                reverse("volunteers-public:checkin", args=[activity.checkin_code])),
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
        url = request.build_absolute_uri(reverse("volunteers-public:checkin", args=[activity.checkin_code]))
        return HttpResponse(qr_png(url), content_type="image/png")


def _signup(activity, request):
    return get_object_or_404(SignUp.objects.select_related("volunteer__organization"), activity=activity,
                             pk=request.POST.get("signup"))


def _by_number(activity, request, data):
    volunteer = Volunteer.objects.filter(number=data["number"].strip()).first()
    if volunteer is None:
        raise ValidationError({"number": _("Volunteer number: no volunteer has this number.")})
    return {"activity": activity, "volunteer": volunteer}


def _signed_up(activity, request, data):
    return {"activity": activity, "volunteer": _signup(activity, request).volunteer}


def _recorded(activity, request, data):
    signup = _signup(activity, request)
    return {"volunteer": signup.volunteer, "signup": signup,
            "served_on": timezone.localtime(activity.starts_at).date(), **data}


class ActivityActionView(PortalActionView):
    """POST-only: add a volunteer, check in or out, record and confirm hours."""

    model = Activity
    actions = {
        "signup": Action(services.activity_sign_up, form=forms.SignUpAddForm, permission="volunteers.change_signup",
                         arguments=_by_number, message=gettext_lazy("Signed up.")),
        "checkin": Action(services.activity_check_in, permission="volunteers.change_signup", arguments=_signed_up,
                          message=gettext_lazy("Checked in.")),
        "checkout": Action(services.activity_check_out, permission="volunteers.change_signup", arguments=_signed_up,
                           message=gettext_lazy("Checked out.")),
        "record": Action(services.service_record_create, form=forms.RecordHoursForm,
                         permission="volunteers.change_signup", arguments=_recorded,
                         message=gettext_lazy("Hours recorded; confirm them to count.")),
        "confirm": Action(services.service_record_confirm, permission="volunteers.change_signup",
                          arguments=lambda activity, request, data: {"record": get_object_or_404(
                              ServiceRecord, activity=activity, pk=request.POST.get("record"))},
                          message=gettext_lazy("Hours confirmed.")),
    }


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


class RecordCorrectView(PortalActionView):
    """A correction of confirmed hours: a new adjusting record with a reason."""

    model = ServiceRecord
    actions = {"": Action(services.service_record_correct, form=forms.CorrectionForm,
                          permission="volunteers.add_servicerecord",
                          arguments=lambda record, request, data: {"record": record, **data},
                          message=gettext_lazy("Correction recorded; it counts once the organiser confirms it."))}

    def return_to(self, obj, result=None):
        return obj.volunteer.get_absolute_url()


class CorrectionAnswerView(PortalActionView):
    """Staff answer a volunteer's correction request: a correcting record, or a reasoned refusal."""

    model = CorrectionRequest
    actions = {"": Action(services.correction_request_answer, form=forms.CorrectionAnswerForm,
                          permission="volunteers.add_servicerecord",
                          arguments=lambda correction, request, data: {"request": correction, **data},
                          message=gettext_lazy("Answer recorded; the volunteer sees it on their record."))}

    def return_to(self, obj, result=None):
        return obj.volunteer.get_absolute_url()


class RecordConfirmView(PortalActionView):
    model = ServiceRecord
    actions = {"": Action(services.service_record_confirm,
                          arguments=lambda record, request, data: {"record": record},
                          message=gettext_lazy("Hours confirmed."))}

    def return_to(self, obj, result=None):
        return obj.volunteer.get_absolute_url()
