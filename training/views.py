"""Portal pages of first-aid training: sessions and their calendar, enrolments, certificates, instructors,
bases, evaluation and coverage. Every list is scoped and exports to Excel and CSV."""

import calendar
from datetime import datetime, time, timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import generic

from organizations.models import Region
from organizations.selectors import staff_home_region
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    PortalUpdateView,
    ScopedMixin,
    StaffRequiredMixin,
    export_value,
)
from redcross.scoping import region_in_scope
from training import selectors, services
from training.choices import SevenAbility
from training.documents import certificate_pdf
from training.filtersets import (
    AssessmentFilterSet,
    CertificateFilterSet,
    EnrolmentFilterSet,
    InstructorFilterSet,
    TrainingBaseFilterSet,
    TrainingSessionFilterSet,
    TrainingTargetFilterSet,
)
from training.forms import (
    AssessmentForm,
    CourseAbilitiesForm,
    InstructorForm,
    ResultForm,
    SessionForm,
    StaffEnrolForm,
    TrainingBaseForm,
    TrainingTargetForm,
)
from training.models import (
    Assessment,
    Certificate,
    Course,
    Enrolment,
    Instructor,
    TrainingBase,
    TrainingSession,
    TrainingTarget,
)


def _form_fields(form):
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}


# --- sessions ------------------------------------------------------------------------------

class SessionListView(PortalListView):
    model = TrainingSession
    filterset_class = TrainingSessionFilterSet
    title = _("Training sessions")
    columns = [("name", _("Session")), ("course__name", _("Course")), ("base__name", _("Training base")),
               ("region__name", _("Region")), ("starts_at", _("Starts")), ("ends_at", _("Ends")),
               ("capacity", _("Capacity")), ("audience", _("Audience")), ("is_public", _("Public booking")),
               ("status", _("Status"))]
    sortable = ("starts_at", "capacity", "region__name")
    default_sort = ("-starts_at", "-id")
    select_related = ("course", "base", "region")
    create_url_name = "training:session_create"
    export_name = "training-sessions"


class SessionCalendarView(StaffRequiredMixin, ScopedMixin, generic.ListView):
    """A month of sessions on a calendar grid; `?month=2026-03`."""

    model = TrainingSession
    template_name = "training/calendar.html"

    def month(self):
        raw = self.request.GET.get("month", "")
        try:
            first = datetime.strptime(raw, "%Y-%m").date()
        except ValueError:
            first = timezone.localdate().replace(day=1)
        return first

    def get_queryset(self):
        first = self.month()
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        start = timezone.make_aware(datetime.combine(first, time.min))
        end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
        return (super().get_queryset().filter(starts_at__gte=start, starts_at__lt=end)
                .select_related("course", "base").order_by("starts_at"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first = self.month()
        sessions = list(context["object_list"])
        counts = selectors.booked_counts(sessions)
        by_day = {}
        for session in sessions:
            session.booked, session.waiting = counts.get(session.pk, (0, 0))
            by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
        weeks = [[{"day": day, "in_month": day.month == first.month, "sessions": by_day.get(day, [])}
                  for day in week]
                 for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)]
        previous = (first - timedelta(days=1)).replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        context.update(title=_("Session calendar"), weeks=weeks, month=first, today=timezone.localdate(),
                       previous=previous.strftime("%Y-%m"), following=following.strftime("%Y-%m"),
                       weekdays=[_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")])
        return context


class SessionCreateView(PortalCreateView):
    model = TrainingSession
    form_class = SessionForm
    success_message = _("Session scheduled.")

    def save(self, form):
        fields = _form_fields(form)
        instructors = fields.pop("instructors")
        return services.session_schedule(actor=self.request.user, instructors=instructors, **fields)


class SessionDetailView(PortalDetailView):
    model = TrainingSession
    template_name = "training/session_detail.html"
    fields = [("course__name", _("Course")), ("base__name", _("Training base")), ("region__name", _("Region")),
              ("organization__name", _("Organiser")), ("starts_at", _("Starts")), ("ends_at", _("Ends")),
              ("capacity", _("Capacity")), ("audience", _("Audience")), ("unit__name", _("Member unit")),
              ("is_public", _("Public booking")), ("status", _("Status")), ("notes", _("Notes"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
        enrolments = list(session.enrolments.select_related("person", "certificate").order_by("status", "booked_at",
                                                                                               "id"))
        booked = sum(1 for e in enrolments if e.status == "booked")
        context.update(
            enrolments=enrolments, booked=booked,
            waiting=sum(1 for e in enrolments if e.status == "waitlisted"),
            instructors=session.instructors.select_related("person"),
            feedback=selectors.feedback_summary(session),
            can_record=self.request.user.has_perm("training.change_enrolment") and session.status != "cancelled"
            and session.starts_at <= timezone.now(),
            can_cancel=self.request.user.has_perm("training.change_trainingsession") and session.status == "scheduled",
            enrol_form=StaffEnrolForm(user=self.request.user)
            if self.request.user.has_perm("training.add_enrolment") and session.status == "scheduled"
            and session.starts_at > timezone.now() else None,
            course=session.course,
        )
        return context


def _enrolment_of(session, request, data):
    return {"enrolment": get_object_or_404(Enrolment, pk=request.POST.get("enrolment"), session=session), **data}


class SessionActionView(PortalActionView):
    """POST-only actions on a session: record a result, enrol one person, cancel an enrolment, cancel the session."""

    model = TrainingSession
    actions = {
        "result": Action(services.enrolment_record_result, form=ResultForm, arguments=_enrolment_of,
                         message=lambda enrolment: _("Result of %(name)s: %(outcome)s.") % {
                             "name": enrolment.person.masked_name, "outcome": enrolment.get_outcome_display()}),
        "enrol": Action(services.enrolment_add, form=StaffEnrolForm,
                        arguments=lambda session, request, data: {"session": session, **data},
                        message=lambda enrolment: _("%(name)s: %(status)s.") % {
                            "name": enrolment.person.masked_name, "status": enrolment.get_status_display()}),
        "cancel-enrolment": Action(services.enrolment_cancel, arguments=_enrolment_of,
                                   message=_("Enrolment cancelled; the waiting list moved up.")),
        "cancel": Action(services.session_cancel, arguments=lambda session, request, data: {"session": session},
                         message=_("Session cancelled; trainees are notified.")),
    }


# --- enrolments ------------------------------------------------------------------------------

class EnrolmentListView(PortalListView):
    model = Enrolment
    filterset_class = EnrolmentFilterSet
    title = _("Enrolments")
    columns = [("session", _("Session")), ("person__masked_name", pgettext_lazy("person", "Name")),
               ("person__document_number_masked", _("Document number")), ("group_name", _("Group")),
               ("status", _("Status")), ("channel", _("Channel")), ("booked_at", _("Booked at")),
               ("exam_score", _("Exam score")), ("outcome", _("Outcome"))]
    sortable = ("booked_at",)
    default_sort = ("-id",)
    select_related = ("session__course", "person")
    import_kind = "training.enrolment"
    export_name = "training-enrolments"


# --- certificates ----------------------------------------------------------------------------

class CertificateListView(PortalListView):
    model = Certificate
    filterset_class = CertificateFilterSet
    columns = [("number", _("Certificate number")), ("person__masked_name", pgettext_lazy("person", "Name")),
               ("course__name", _("Course")), ("organization__name", _("Issued by")),
               ("issued_on", _("Issued on")), ("expires_on", _("Valid until")), ("state", _("State"))]
    sortable = ("issued_on", "expires_on", "number")
    default_sort = ("-id",)
    export_name = "training-certificates"

    def get_queryset(self):
        return super().get_queryset().with_holder()


class CertificateDetailView(PortalDetailView):
    model = Certificate
    template_name = "training/certificate_detail.html"
    fields = [("number", _("Certificate number")), ("person__masked_name", pgettext_lazy("person", "Name")),
              ("person__document_number_masked", _("Document number")), ("course__name", _("Course")),
              ("organization__name", _("Issued by")), ("issued_on", _("Issued on")),
              ("expires_on", _("Valid until")), ("state", _("State")), ("renewed_by", _("Renewed by"))]


class CertificatePdfView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    model = Certificate

    def get(self, request, *args, **kwargs):
        certificate = self.get_object()
        pdf = certificate_pdf(certificate, verify_url=request.build_absolute_uri(
            reverse("verify-short", args=[certificate.number])))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="certificate-{certificate.number}.pdf"'
        return response


# --- instructors and bases ---------------------------------------------------------------------

class InstructorListView(PortalListView):
    """Instructors with their workload this year against what their tier should teach."""

    model = Instructor
    filterset_class = InstructorFilterSet
    title = _("Instructors and workload")
    columns = [("person__masked_name", pgettext_lazy("person", "Name")), ("tier", _("Tier")),
               ("organization__name", _("Organisation")), ("qualification", _("Qualification")),
               ("qualified_until", _("Qualification valid until")), ("sessions_taught", _("Sessions this year")),
               ("hours_taught", _("Hours this year")), ("hours_expected", _("Hours expected"))]
    sortable = ("qualified_until", "hours_taught", "sessions_taught")
    default_sort = ("-id",)
    select_related = ("person", "organization")
    create_url_name = "training:instructor_create"
    export_name = "training-instructors"

    def get_queryset(self):
        return selectors.instructors_with_workload(super().get_queryset())


class InstructorDetailView(PortalDetailView):
    model = Instructor
    fields = [("person__masked_name", pgettext_lazy("person", "Name")), ("tier", _("Tier")),
              ("organization__name", _("Organisation")), ("qualification", _("Qualification")),
              ("qualification_number", _("Qualification certificate number")),
              ("qualified_until", _("Qualification valid until")), ("hours_expected", _("Hours expected")),
              ("is_active", _("Active"))]


class InstructorCreateView(PortalCreateView):
    model = Instructor
    form_class = InstructorForm
    success_message = _("Instructor added.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def save(self, form):
        data = form.cleaned_data
        person = services.save_person(services.person_for_trainee(
            full_name=data["full_name"], document_type=data["document_type"],
            document_number=data["document_number"], mobile=data["mobile"], region=data["region"]))
        return services.instructor_add(
            actor=self.request.user, person=person, organization=data["organization"], tier=data["tier"],
            qualification=data["qualification"], qualification_number=data["qualification_number"],
            qualified_until=data["qualified_until"])


class TrainingBaseListView(PortalListView):
    model = TrainingBase
    filterset_class = TrainingBaseFilterSet
    columns = [("name", _("Name")), ("region__name", _("Region")), ("level", _("Level")),
               ("address", _("Address")), ("capacity", _("Capacity")), ("manikins", _("CPR manikins")),
               ("aeds", _("Training AEDs")), ("is_active", _("Active"))]
    sortable = ("name", "capacity", "region__name")
    default_sort = ("region_id", "name")
    select_related = ("region",)
    create_url_name = "training:base_create"
    export_name = "training-bases"


class TrainingBaseDetailView(PortalDetailView):
    model = TrainingBase
    fields = TrainingBaseListView.columns + [("organization__name", _("Organisation"))]
    edit_url_name = "training:base_edit"


class TrainingBaseCreateView(PortalCreateView):
    model = TrainingBase
    form_class = TrainingBaseForm
    success_message = _("Training base saved.")

    def save(self, form):
        return services.training_base_save(actor=self.request.user, **_form_fields(form))


class TrainingBaseUpdateView(PortalUpdateView):
    model = TrainingBase
    form_class = TrainingBaseForm
    success_message = _("Training base saved.")

    def save(self, form):
        return services.training_base_save(actor=self.request.user, base=self.object, **_form_fields(form))


# --- evaluation ----------------------------------------------------------------------------

class AssessmentListView(PortalListView):
    model = Assessment
    filterset_class = AssessmentFilterSet
    columns = [("year", _("Year")), ("region__name", _("District")),
               ("base__name", _("Training base")), ("assessor", _("Expert team")), ("method_score", _("Method")),
               ("approach_score", _("Approach")), ("quality_score", _("Quality")), ("overall", _("Overall"))]
    sortable = ("year", "quality_score")
    default_sort = ("-year", "region_id")
    select_related = ("region", "base")
    create_url_name = "training:assessment_create"
    export_name = "training-assessments"


class AssessmentDetailView(PortalDetailView):
    model = Assessment
    fields = AssessmentListView.columns + [("findings", _("Findings")), ("assessed_on", _("Assessed on"))]


class AssessmentCreateView(PortalCreateView):
    model = Assessment
    form_class = AssessmentForm
    success_message = _("Assessment recorded.")

    def save(self, form):
        return services.assessment_record(actor=self.request.user, **_form_fields(form))


class EvaluationView(StaffRequiredMixin, generic.TemplateView):
    """Trends of the third-party assessments, and trainee feedback."""

    model = Assessment
    template_name = "training/evaluation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Training quality"), trends=selectors.assessment_trends(user=self.request.user),
                       feedback=selectors.feedback_by_course(user=self.request.user))
        return context


# --- coverage and the cadre plan ---------------------------------------------------------------

class TrainingTargetListView(PortalListView):
    model = TrainingTarget
    filterset_class = TrainingTargetFilterSet
    columns = [("region__name", _("Region")), ("unit__name", _("Member unit")), ("audience", _("Audience")),
               ("year", _("By the end of")),
               ("target_count", _("People to train")), ("trained", _("Trained")), ("rate", _("Progress (%)")),
               ("population", _("Population")), ("certified", _("Valid first-aider certificates")),
               ("per_thousand", _("First-aiders per 1,000")), ("computed_at", _("Computed at"))]
    sortable = ("year", "target_count", "trained")
    default_sort = ("region_id", "audience")
    select_related = ("region", "unit")
    create_url_name = "training:target_create"
    export_name = "training-targets"


class TrainingTargetCreateView(PortalCreateView):
    model = TrainingTarget
    form_class = TrainingTargetForm
    success_message = _("Target saved; progress is computed within the hour.")

    def save(self, form):
        return services.target_create(actor=self.request.user, **form.cleaned_data)


class CoverageView(StaffRequiredMixin, generic.TemplateView):
    """Drill-down city → district → town of the training targets, with charts."""

    model = TrainingTarget
    template_name = "training/coverage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        code = self.request.GET.get("region")
        region = get_object_or_404(Region, code=code) if code else staff_home_region(user)
        if region is None or not region_in_scope(user, region.code):
            raise Http404
        own, children, computed_at = selectors.coverage_drilldown(region=region, user=user)
        crumbs, node = [], region
        while node is not None:
            crumbs.append(node)
            node = node.parent
        context.update(title=_("Training coverage"), region=region, own=own, children=children,
                       computed_at=computed_at, crumbs=[c for c in reversed(crumbs) if region_in_scope(user, c.code)],
                       per_thousand=selectors.first_aiders_per_thousand(user=user) if region.level == "city" else [])
        return context


class CadrePlanView(StaffRequiredMixin, generic.TemplateView):
    """Courses and hours per cadre; exports like every portal list (the list's export, fed these rows)."""

    model = Enrolment
    template_name = "training/cadres.html"
    export_name = "cadre-training"
    columns = [("name", _("Cadre")), ("region", _("Region")), ("courses", _("Courses")), ("hours", _("Hours")),
               ("done", _("Programme completed"))]

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("xlsx", "csv"):
            rows, _plan = selectors.cadre_training(user=request.user)
            return PortalListView.export(self, rows, export)
        return super().get(request, *args, **kwargs)

    def get_title(self):
        return str(_("Cadre training plan"))

    def header_labels(self):
        return [str(label) for _key, label in self.columns]

    def rows(self, rows):
        for row in rows:
            yield [export_value(row[key]) for key, _label in self.columns]

    def export_filename(self, extension):
        return PortalListView.export_filename(self, extension)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, plan = selectors.cadre_training(user=self.request.user)
        context.update(title=self.get_title(), rows=rows, plan=plan,
                       abilities=selectors.cadre_hours_by_ability(user=self.request.user))
        return context


class CourseCatalogueView(StaffRequiredMixin, generic.ListView):
    """The curriculum catalogue, the same in every district."""

    model = Course
    template_name = "training/courses.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Curriculum catalogue"), ability_choices=SevenAbility.choices,
                       can_tag=self.request.user.has_perm("training.change_course"))
        return context


class CourseAbilitiesView(PortalActionView):
    """Tag a catalogue course with the seven abilities (七种能力) it builds."""

    model = Course
    actions = {"": Action(services.course_set_abilities, form=CourseAbilitiesForm,
                          message=lambda course: _("Abilities of %(course)s saved.") % {"course": course.name})}

    def get_queryset(self):
        return Course.objects.all()  # the catalogue is the city's, the same in every district

    def return_to(self, obj, result=None):
        return reverse("training:courses")

