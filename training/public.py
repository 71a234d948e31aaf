"""Public pages of first-aid training: open sessions, booking, and certificate verification."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import generic
from django.views.decorators.cache import never_cache

from redcross.portal.errors import errors_to_form
from redcross.ratelimits import limit_lookups
from training import selectors, services
from training.choices import SessionStatus
from training.forms import FeedbackForm, PublicBookingForm, VerifyForm
from training.models import Enrolment, TrainingSession


def open_sessions():
    return (TrainingSession.objects.filter(is_public=True, status=SessionStatus.SCHEDULED,
                                           starts_at__gt=timezone.now())
            .select_related("course", "base", "region").order_by("starts_at"))


class SessionsView(generic.ListView):
    template_name = "training/public_sessions.html"
    paginate_by = 20

    def get_queryset(self):
        return open_sessions()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
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

