"""Public pages of first-aid training: open sessions, booking, and certificate verification."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.cache import never_cache

from redcross.portal.errors import errors_to_form
from redcross.ratelimits import LimitedFormMixin, limit_lookups
from training import selectors, services
from training.choices import SessionStatus
from training.forms import BookingLookupForm, FeedbackForm, PublicBookingForm, VerifyForm
from training.models import Enrolment, TrainingSession


def open_sessions():
    return (TrainingSession.objects.filter(is_public=True, status=SessionStatus.SCHEDULED,
                                           starts_at__gt=timezone.now())
            .select_related("course", "base", "region").order_by("starts_at"))


class SessionsView(generic.ListView):
    template_name = "training/public_sessions.html"
    paginate_by = 20

    def get_queryset(self):
        """Open sessions, narrowed by district, course and first day when the visitor asks."""
        from datetime import date

        from organizations.models import Region

        sessions = open_sessions()
        self.district = self.request.GET.get("district", "")
        self.course = self.request.GET.get("course", "")
        self.since = self.request.GET.get("since", "")
        if self.district.isdigit() and len(self.district) == 12:
            district = Region.objects.filter(code=self.district, level="district").first()
            sessions = sessions.filter(region__code__startswith=district.prefix) if district else sessions.none()
        if self.course:
            sessions = sessions.filter(course__kind=self.course)
        try:
            since = date.fromisoformat(self.since) if self.since else None
        except ValueError:
            since = None
        if since is not None:
            sessions = sessions.filter(starts_at__date__gte=since)
        return sessions

    def get_context_data(self, **kwargs):
        from organizations.models import Region
        from training.models import Course

        context = super().get_context_data(**kwargs)
        context.update(
            districts=Region.objects.filter(level="district", is_home_city=True).order_by("code"),
            courses=Course.objects.order_by("kind").values_list("kind", "name").distinct(),
            district=self.district, course=self.course, since=self.since)
        counts = selectors.booked_counts(context["object_list"])
        for session in context["object_list"]:
            booked, waiting = counts.get(session.pk, (0, 0))
            session.places_left = max(0, session.capacity - booked)
        context["verify_form"] = VerifyForm()
        return context


@method_decorator(never_cache, name="dispatch")
class BookView(generic.FormView):
    template_name = "training/public_book.html"
    form_class = PublicBookingForm

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(open_sessions(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session"] = self.session
        return context

    def form_valid(self, form):
        try:
            enrolment = services.public_book(session=self.session, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
            return self.form_invalid(form)
        self.request.session["training_booking"] = enrolment.pk
        return redirect("training-public:booked", pk=enrolment.pk)


class BookedView(generic.TemplateView):
    """The booking confirmation, shown only to the browser that booked."""

    template_name = "training/public_booked.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.session.get("training_booking") != kwargs["pk"]:
            raise Http404
        context["enrolment"] = get_object_or_404(Enrolment.objects.select_related("session__course",
                                                                                   "session__base", "person"),
                                                 pk=kwargs["pk"])
        return context


@never_cache
def feedback(request, token):
    """A trainee rates the session from the signed link sent after it."""
    enrolment = selectors.enrolment_for_feedback(token)
    if enrolment is None:
        raise Http404
    form = FeedbackForm(request.POST or None)
    done = False
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(enrolment=enrolment, **form.cleaned_data)
            done = True
        except ValidationError as exc:
            errors_to_form(form, exc)
    return render(request, "training/public_feedback.html", {"form": form, "enrolment": enrolment, "done": done})


@limit_lookups("training.verify", rate="30/m",
               when=lambda request, number=None: bool(number or request.GET.get("number")))
def verify(request, number=None):
    """Verify a certificate: masked name, course, validity. The QR code on the PDF leads here."""
    number = number or request.GET.get("number", "")
    form = VerifyForm(request.GET or None, initial={"number": number})
    certificate = selectors.certificate_for_verification(number) if number else None
    if number and not request.GET.get("number") and certificate is not None:
        form = VerifyForm(initial={"number": certificate.number})
    return render(request, "training/public_verify.html", {
        "form": form, "number": number, "certificate": certificate, "searched": bool(number),
        "state": certificate.state if certificate else None,
        "code_matches": certificate is not None and request.GET.get("c") == certificate.verification_code,
    }, status=200 if certificate or not number else 404)



@method_decorator(never_cache, name="dispatch")
class BookingLookupView(LimitedFormMixin, generic.FormView):
    """A resident finds their bookings by ID number and mobile, and cancels one they cannot attend."""

    template_name = "training/public_bookings.html"
    form_class = BookingLookupForm
    SESSION_KEY = "training_lookup_person"
    lookup_group = "training.booking_lookup"

    def _enrolments(self, person_id):
        return (Enrolment.objects.filter(person_id=person_id, session__starts_at__gt=timezone.now())
                .exclude(status="cancelled").select_related("session__course", "session__base")
                .order_by("session__starts_at"))

    def post(self, request, *args, **kwargs):
        cancel = request.POST.get("cancel", "")
        person_id = request.session.get(self.SESSION_KEY)
        if cancel.isdigit() and person_id:
            enrolment = self._enrolments(person_id).filter(pk=int(cancel)).first()
            if enrolment is None:
                raise Http404
            services.enrolment_cancel(enrolment=enrolment)
            return self.render_to_response(self.get_context_data(
                form=self.get_form_class()(), enrolments=self._enrolments(person_id), cancelled=enrolment))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        from people.services import person_find_by_document
        from volunteers.services import mobile_matches

        try:
            person = person_find_by_document(document_type=form.cleaned_data["document_type"],
                                             document_number=form.cleaned_data["document_number"])
        except ValidationError:
            person = None
        if person is None or not mobile_matches(person, form.cleaned_data["mobile"].strip()):
            form.add_error(None, _("No booking matches this document number and mobile."))
            return self.form_invalid(form)
        self.request.session[self.SESSION_KEY] = person.pk
        return self.render_to_response(self.get_context_data(form=form, enrolments=self._enrolments(person.pk)))
