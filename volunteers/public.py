"""Public volunteer pages: apply, look up the status and download a certificate, verify one, QR check-in.

No login. Lookups are rate-limited per address, and everything shown is masked.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from people import services as people_services
from redcross.models import Notification
from redcross.portal.errors import errors_to_form, errors_to_messages
from redcross.ratelimits import LimitedFormMixin, limit_lookups
from volunteers import forms, selectors, services
from volunteers.choices import SERVING, RecordStatus, SignUpStatus
from volunteers.models import Activity, ServiceCertificate, Volunteer
from volunteers.views import certificate_response

SESSION_KEY = "volunteer_self_service"




class RateLimitedFormView(LimitedFormMixin, generic.FormView):
    """A public form: past `lookup_rate` posts from one address, it answers with a message and does nothing."""

    def form_valid(self, form):
        return self.act(form)

    def act(self, form):
        raise NotImplementedError


class ApplyView(RateLimitedFormView):
    template_name = "volunteers/public_apply.html"
    form_class = forms.ApplicationForm

    def act(self, form):
        data = form.cleaned_data
        try:
            volunteer = services.volunteer_apply(
                full_name=data["full_name"], document_type=data["document_type"],
                document_number=data["document_number"], mobile=data["mobile"], region=data["region"],
                tier=data["tier"], skills=data["skills"], qualifications=data["qualifications"],
                availability=data["availability"], consent=data["consent"], guardian_name=data["guardian_name"],
                guardian_consent=data["guardian_consent"])
        except services.IdentityMismatch as mismatch:
            # Answered exactly like a received application: the page is no oracle of who is registered.
            organization = mismatch.organization
            self.request.session["volunteer_applied"] = organization.name if organization else ""
            return redirect("volunteers-public:applied")
        except ValidationError as exc:
            errors_to_form(form, exc)
            return self.form_invalid(form)
        self.request.session["volunteer_applied"] = volunteer.organization.name
        return redirect("volunteers-public:applied")


def applied(request):
    organization = request.session.get("volunteer_applied")
    if organization is None:
        return redirect("volunteers-public:apply")
    return render(request, "volunteers/public_applied.html", {"organization": organization})


class StatusView(RateLimitedFormView):
    """The applicant or volunteer looks up their record with their document and mobile."""

    template_name = "volunteers/public_status.html"
    form_class = forms.StatusLookupForm

    def get(self, request, *args, **kwargs):
        volunteer = _self_service_volunteer(request)
        if volunteer is not None and request.GET.get("show") == "1":
            return self.render_to_response(self.get_context_data(volunteer=volunteer))
        return super().get(request, *args, **kwargs)


    def act(self, form):
        volunteer = services.volunteer_find_by_identity(**form.cleaned_data)
        if volunteer is None:
            form.add_error(None, _("No volunteer record matches this document number and mobile."))
            return self.form_invalid(form)
        self.request.session[SESSION_KEY] = volunteer.pk
        self.request.session.set_expiry(30 * 60)
        return redirect(reverse("volunteers-public:status") + "?show=1")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        volunteer = kwargs.get("volunteer")
        if volunteer is not None:
            records = list(volunteer.service_records.filter(status=RecordStatus.CONFIRMED)
                           .select_related("activity")[:20])
            asked = {r.record_id: r for r in volunteer.correction_requests.order_by("created_at")}
            for record in records:
                record.asked = asked.get(record.pk)
            context.update(
                volunteer=volunteer,
                upcoming=upcoming_activities(volunteer),
                records=records,
                certificates=volunteer.certificates.all()[:5],
                reminders=Notification.objects.filter(person_id=volunteer.person_id).order_by("-created_at")[:10],
                ask_form=forms.CorrectionAskForm(),
            )
        return context


def upcoming_activities(volunteer, days=30):
    """Activities of the next weeks in the volunteer's district, with places left and whether they signed up."""
    if volunteer.status not in SERVING:
        return []
    now = timezone.now()
    taken = Count("signups", filter=~Q(signups__status=SignUpStatus.CANCELLED))
    activities = list(
        Activity.objects.filter(ends_at__gt=now, starts_at__lt=now + timedelta(days=days),
                                region__code__startswith=volunteer.organization.region_id[:6])
        .select_related("organization").annotate(taken=taken).order_by("starts_at")[:20])
    mine = set(volunteer.signups.exclude(status=SignUpStatus.CANCELLED).values_list("activity_id", flat=True))
    for activity in activities:
        activity.signed_up = activity.pk in mine
        activity.places_left = max(activity.capacity - activity.taken, 0)
    return activities


def _self_service_volunteer(request):
    pk = request.session.get(SESSION_KEY)
    return None if pk is None else Volunteer.objects.select_related("person", "organization").filter(pk=pk).first()


class SelfSignUpView(generic.View):
    """The volunteer, found on the status page, signs up to an activity of their district."""

    def post(self, request, pk):
        volunteer = _self_service_volunteer(request)
        if volunteer is None:
            messages.error(request, _("Look up your record first."))
            return redirect("volunteers-public:status")
        activity = get_object_or_404(Activity, pk=pk)
        try:
            services.activity_sign_up(activity=activity, volunteer=volunteer)
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("You are signed up for %(title)s.") % {"title": activity.title})
        return redirect(reverse("volunteers-public:status") + "?show=1")


class SelfCorrectionView(generic.View):
    """The volunteer asks for a correction of one of their records."""

    def post(self, request, pk):
        volunteer = _self_service_volunteer(request)
        if volunteer is None:
            messages.error(request, _("Look up your record first."))
            return redirect("volunteers-public:status")
        record = get_object_or_404(volunteer.service_records, pk=pk)
        form = forms.CorrectionAskForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError({"message": _("What is wrong: say what should be corrected.")})
            services.correction_request_create(volunteer=volunteer, record=record, message=form.cleaned_data["message"])
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("Your request is sent to the organiser, who answers it here."))
        return redirect(reverse("volunteers-public:status") + "?show=1")


class SelfCertificateView(generic.View):
    """The volunteer, found on the status page, downloads a certificate of their confirmed hours."""

    def post(self, request):
        volunteer = _self_service_volunteer(request)
        if volunteer is None:
            messages.error(request, _("Look up your record first."))
            return redirect("volunteers-public:status")
        try:
            certificate = services.certificate_issue(volunteer=volunteer)
        except ValidationError as exc:
            errors_to_messages(request, exc)
            return redirect(reverse("volunteers-public:status") + "?show=1")
        certificate = ServiceCertificate.objects.select_related("volunteer__person", "organization").get(
            pk=certificate.pk)
        return certificate_response(request, certificate, attachment=True)


@limit_lookups("volunteers.verify", rate="30/m", when=lambda request: bool(request.GET))
def verify(request):
    form = forms.CertificateVerifyForm(request.GET or None)
    certificate = None
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        certificate = selectors.service_certificate(form.cleaned_data["number"].strip().upper())
    return render(request, "volunteers/public_verify.html",
                  {"form": form, "certificate": certificate, "searched": searched})


class CheckInView(RateLimitedFormView):
    """The page behind an activity's QR code: the volunteer checks in on their phone."""

    template_name = "volunteers/public_checkin.html"
    form_class = forms.CheckInForm
    lookup_rate = "20/m"

    def dispatch(self, request, *args, **kwargs):
        self.activity = get_object_or_404(Activity.objects.select_related("organization"),
                                          checkin_code=kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    def act(self, form):
        volunteer = Volunteer.objects.select_related("person").filter(
            number=form.cleaned_data["number"].strip()).first()
        try:
            mobile = people_services.mobile_clean(form.cleaned_data["mobile"])
        except ValidationError:
            mobile = ""
        if volunteer is None or not mobile or not services.mobile_matches(volunteer.person, mobile):
            form.add_error(None, _("The volunteer number and mobile do not match a volunteer."))
            return self.form_invalid(form)
        try:
            signup = services.activity_check_in(activity=self.activity, volunteer=volunteer,
                                                code=self.kwargs["code"])
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.form_invalid(form)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        return render(self.request, "volunteers/public_checkin.html",
                      {"activity": self.activity, "signup": signup, "volunteer": volunteer})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activity"] = self.activity
        return context
