"""Reads that are more than a filter: verification, expiring certificates, workload, coverage, trends."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from organizations.models import Region
from redcross.prepared import prepared
from redcross.scoping import region_in_scope, scope_queryset
from training.choices import Audience, CourseKind, EnrolmentStatus, Outcome, SessionStatus
from training.models import Assessment, Certificate, Enrolment, SessionInstructor, TrainingSession, TrainingTarget


def certificate_for_verification(number: str):
    """The public lookup: one index probe on the unique number, with holder and course."""
    number = (number or "").strip().upper()
    if not number or len(number) > 20:
        return None
    return _certificate_by_number.first(number)


@prepared()
def _certificate_by_number(number):
    # Compiled once (redcross/prepared.py): the public verification's read, asked for on every request.
    return Certificate.objects.with_holder().filter(number=number).order_by("pk")[:1]


def certificates_expiring(queryset=None, *, within_days=90, today=None):
    """Current (not renewed) certificates that expire within the window, soonest first."""
    today = today or timezone.localdate()
    queryset = Certificate.objects.with_holder() if queryset is None else queryset
    return (queryset.filter(renewed_by__isnull=True, expires_on__gte=today,
                            expires_on__lte=today + timedelta(days=within_days))
            .order_by("expires_on", "id"))


def instructors_with_workload(queryset, *, year=None):
    """Annotate `sessions_taught` and `hours_taught` in a year (sessions not cancelled)."""
    year = year or timezone.localdate().year
    teaching = SessionInstructor.objects.filter(
        instructor=OuterRef("pk"), session__starts_at__year=year,
    ).exclude(session__status=SessionStatus.CANCELLED).values("instructor")
    hours = teaching.annotate(total=Sum("session__course__hours")).values("total")
    count = teaching.annotate(n=Count("id")).values("n")
    return queryset.annotate(
        hours_taught=Coalesce(Subquery(hours), Value(0), output_field=DecimalField(max_digits=8, decimal_places=1)),
        sessions_taught=Coalesce(Subquery(count), Value(0)),
    )


def booked_counts(sessions):
    """{session id: (booked, waitlisted)} for a page of sessions, in one query."""
    rows = (Enrolment.objects.filter(session__in=sessions)
            .values_list("session_id").annotate(
                booked=Count("id", filter=Q(status=EnrolmentStatus.BOOKED)),
                waiting=Count("id", filter=Q(status=EnrolmentStatus.WAITLISTED))))
    return {session_id: (booked, waiting) for session_id, booked, waiting in rows}


def coverage_drilldown(*, region: Region, user):
    """Targets of the region itself and, per child region, their combined progress (for the chart)."""
    targets = scope_queryset(TrainingTarget.objects.select_related("region", "unit"), user)
    own = list(targets.filter(region=region).order_by("audience", "year"))
    children = {}
    for target in targets.filter(region__parent=region).order_by("region_id", "audience"):
        entry = children.setdefault(target.region_id, {"region": target.region, "targets": [], "trained": 0,
                                                      "target": 0, "certified": target.certified,
                                                      "population": 0})
        entry["targets"].append(target)
        entry["trained"] += min(target.trained, target.target_count)
        entry["target"] += target.target_count
        entry["population"] = max(entry["population"], target.population or 0)
    rows = []
    for entry in children.values():
        entry["rate"] = round(100 * entry["trained"] / entry["target"], 1) if entry["target"] else 0.0
        entry["per_thousand"] = (round(1000 * entry["certified"] / entry["population"], 2)
                                 if entry["population"] else None)
        rows.append(entry)
    computed = targets.exclude(computed_at=None).order_by("-computed_at").values_list("computed_at", flat=True)
    return own, rows, computed.first()


def first_aiders_per_thousand(*, user):
    """Per district: valid first-aider certificates per 1,000 residents (from the residents' targets)."""
    city = settings.REDCROSS["CITY_REGION_CODE"]
    rows = (scope_queryset(TrainingTarget.objects.select_related("region"), user)
            .filter(region__parent_id=city, audience=Audience.RESIDENTS, population__gt=0)
            .order_by("region_id", "-year"))
    seen, result = set(), []
    for target in rows:
        if target.region_id in seen:
            continue
        seen.add(target.region_id)
        result.append({"region": target.region, "certified": target.certified, "population": target.population,
                       "per_thousand": target.per_thousand})
    highest = max((row["per_thousand"] for row in result), default=0)
    for row in result:
        row["width"] = round(100 * row["per_thousand"] / highest, 1) if highest else 0.0
    return result


def assessment_trends(*, user):
    """Average scores per year (the trend), and per district per year."""
    assessments = scope_queryset(Assessment.objects.all(), user)
    by_year = list(assessments.values("year").annotate(
        method=Avg("method_score"), approach=Avg("approach_score"), quality=Avg("quality_score"),
        count=Count("id")).order_by("year"))
    for row in by_year:
        for key in ("method", "approach", "quality"):
            row[key] = round(float(row[key]), 1)
    return by_year


def enrolment_for_feedback(token: str):
    """The enrolment a signed feedback link names (valid 90 days), or None."""
    from django.core import signing

    from training.services import FEEDBACK_SALT

    try:
        pk = signing.loads(token, salt=FEEDBACK_SALT, max_age=timedelta(days=90))
    except signing.BadSignature:
        return None
    return Enrolment.objects.select_related("session__course", "session__base", "person").filter(pk=pk).first()


def feedback_by_course(*, user):
    """Trainee feedback per course: average rating and how many gave it."""
    rows = (scope_queryset(Enrolment.objects.filter(feedback__isnull=False), user)
            .values("session__course__name").annotate(average=Avg("feedback__rating"), count=Count("feedback"))
            .order_by("session__course__name"))
    return [{"course": r["session__course__name"], "average": round(float(r["average"]), 2), "count": r["count"],
             "width": round(float(r["average"]) * 20, 1)} for r in rows]


def feedback_summary(session):
    return Enrolment.objects.filter(session=session, feedback__isnull=False).aggregate(
        average=Avg("feedback__rating"), count=Count("feedback"))


def cadre_training(*, user, first_year=None, last_year=None):
    """The cadre programme: per Red Cross cadre, courses and hours completed in the plan's years."""
    plan = settings.REDCROSS["TRAINING_CADRE_PLAN"]
    first_year = first_year or plan["first_year"]
    last_year = last_year or plan["last_year"]
    enrolments = scope_queryset(Enrolment.objects.all(), user).filter(
        session__audience=Audience.REDCROSS_CADRES, status=EnrolmentStatus.BOOKED,
        outcome__in=[Outcome.PASSED, Outcome.ATTENDED],
    ).annotate(year=ExtractYear("session__starts_at")).filter(year__gte=first_year, year__lte=last_year)
    rows = (enrolments.values("person_id", "person__full_name", "person__region__name")
            .annotate(courses=Count("session__course", distinct=True), hours=Sum("session__course__hours"))
            .order_by("-hours", "person_id"))
    from people.identifiers import mask_name

    return [{"name": mask_name(r["person__full_name"]), "region": r["person__region__name"],
             "courses": r["courses"], "hours": r["hours"], "done": r["hours"] >= plan["hours"]} for r in rows], plan


def can_see_region(user, region):
    return region is not None and region_in_scope(user, region.code)



# --- plan targets (registered in apps.py; redcross.targets rolls them up) -------------------

def _coarsest_targets(audience, on):
    """{region code: target count} of an audience's targets below the city, the latest year each,
    skipping a target whose ancestor region has one (so a district and its towns are not counted twice)."""
    rows = (TrainingTarget.objects.filter(audience=audience, unit__isnull=True, year__lte=max(on.year, 2025))
            .exclude(region__level="city").order_by("region_id", "-year")
            .values_list("region_id", "target_count"))
    latest = {}
    for code, count in rows:
        latest.setdefault(code, count)
    codes = set(latest)

    def has_ancestor(code):
        return bool(({code[:6] + "000000", code[:9] + "000"} - {code}) & codes)

    return {code: count for code, count in latest.items() if not has_ancestor(code)}


def residents_trained_figures(*, on):
    """Per home region: residents trained (attended or passed, distinct people) over the residents' target."""
    from redcross.targets import day_end

    figures = {code: [0, count] for code, count in _coarsest_targets(Audience.RESIDENTS, on).items()}
    rows = (Enrolment.objects.filter(session__audience=Audience.RESIDENTS, status=EnrolmentStatus.BOOKED,
                                     outcome__in=[Outcome.PASSED, Outcome.ATTENDED],
                                     session__starts_at__lt=day_end(on))
            .values("person__region_id").annotate(n=Count("person_id", distinct=True))
            .values_list("person__region_id", "n"))
    for code, count in rows:
        figures.setdefault(code, [0, 0])[0] += count
    return {code: tuple(pair) for code, pair in figures.items()}


def scenic_staff_trained_figures(*, on):
    """Per 4A+ scenic area on the institutions register (at its region): its staff trained (distinct people who
    attended or passed a scenic-staff session for its member unit, at most its headcount) over its real staff
    headcount from the register. A scenic area without a member unit yet counts its staff with none trained."""
    from organizations.selectors import scenic_areas_on_register
    from redcross.targets import day_end

    trained = dict(Enrolment.objects.filter(
        session__audience=Audience.SCENIC_STAFF, status=EnrolmentStatus.BOOKED,
        outcome__in=[Outcome.PASSED, Outcome.ATTENDED], session__starts_at__lt=day_end(on),
        session__unit__isnull=False,
    ).values("session__unit_id").annotate(n=Count("person_id", distinct=True)).values_list("session__unit_id", "n"))
    figures = {}
    for code, unit, headcount in scenic_areas_on_register():
        pair = figures.setdefault(code, [0, 0])
        pair[0] += min(trained.get(unit, 0), headcount) if unit is not None else 0
        pair[1] += headcount
    return {code: tuple(pair) for code, pair in figures.items()}


def instructors_figures(tier):
    """A compute function: active, qualified instructors of one tier where their organisation is."""

    def compute(*, on):
        from training.models import Instructor

        rows = (Instructor.objects.filter(tier=tier, is_active=True, qualified_until__gte=on)
                .values("organization__region_id").annotate(n=Count("id"))
                .values_list("organization__region_id", "n"))
        return {code: (count, 0) for code, count in rows}

    compute.__name__ = f"instructors_{tier}_figures"
    return compute


def assessment_figures(*, on):
    """Per district: (1, 1) when a third-party expert team assessed its training in the 12 months to `on`."""
    assessed = set(Assessment.objects.filter(assessed_on__lte=on, assessed_on__gt=on - timedelta(days=365))
                   .values_list("region_id", flat=True))
    assessed = {code[:6] for code in assessed}
    districts = Region.objects.filter(level="district", is_home_city=True).values_list("code", flat=True)
    return {code: (int(code[:6] in assessed), 1) for code in districts}


def cadre_hours_by_ability(*, user, first_year=None, last_year=None):
    """Hours of cadre training completed per ability of the seven (a course counts toward each ability it builds),
    with the bar width for the chart: one query."""
    from training.choices import SevenAbility

    plan = settings.REDCROSS["TRAINING_CADRE_PLAN"]
    first_year = first_year or plan["first_year"]
    last_year = last_year or plan["last_year"]
    rows = (scope_queryset(Enrolment.objects.all(), user)
            .filter(session__audience=Audience.REDCROSS_CADRES, status=EnrolmentStatus.BOOKED,
                    outcome__in=[Outcome.PASSED, Outcome.ATTENDED],
                    session__starts_at__year__gte=first_year, session__starts_at__year__lte=last_year)
            .values_list("session__course__abilities", "session__course__hours"))
    hours = dict.fromkeys(SevenAbility.values, 0)
    for abilities, course_hours in rows:
        for ability in abilities or ():
            hours[ability] += course_hours
    highest = max(hours.values(), default=0)
    return [{"ability": label, "code": value, "hours": hours[value],
             "width": round(100 * float(hours[value]) / float(highest), 1) if highest else 0.0}
            for value, label in SevenAbility.choices]
# --- for other apps (emergency readiness) ---------------------------------------------------

def course_kind_choices():
    """[(kind, label)] of the course kinds a certificate can be of."""
    return CourseKind.choices


def certificate_kinds_held(persons, kinds, *, on):
    """(person id, course kind) pairs of certificates valid `on` the day, for `persons` (ids or a subquery)."""
    return (Certificate.objects.filter(person_id__in=persons, course__kind__in=kinds, issued_on__lte=on,
                                       expires_on__gte=on)
            .values_list("person_id", "course__kind").distinct())
# --- answers to organizations.hooks (registered in TrainingConfig.ready) ------------------------

def certificate_numbers_valid(numbers, *, on):
    """Which of these certificate numbers are current (not renewed, issued and not expired) on a day."""
    numbers = [n.strip().upper() for n in numbers if n]
    return Certificate.objects.filter(number__in=numbers, renewed_by__isnull=True, issued_on__lte=on,
                                      expires_on__gte=on).values_list("number", flat=True)


def certificate_holders_by_region(codes, *, on):
    """{region code: residents holding a current certificate}, for the first-aiders near an AED."""
    rows = (Certificate.objects.filter(person__region_id__in=list(codes), renewed_by__isnull=True, issued_on__lte=on,
                                       expires_on__gte=on)
            .values("person__region_id").annotate(n=Count("person_id", distinct=True)))
    return {row["person__region_id"]: row["n"] for row in rows}


def activity_region_codes(*, since, until):
    """Regions where a training session (not cancelled) took place in [since, until]: a town's work."""
    return (TrainingSession.objects.exclude(status=SessionStatus.CANCELLED)
            .filter(starts_at__date__gte=since, starts_at__date__lte=until)
            .values_list("region_id", flat=True).distinct())


def current_certificate_numbers(*, on, limit=50):
    """A few numbers of certificates valid on a day (demo data lists them as centre staff)."""
    return list(Certificate.objects.filter(renewed_by__isnull=True, issued_on__lte=on, expires_on__gte=on)
                .order_by("id").values_list("number", flat=True)[:limit])
def certificate_verified(number: str):
    """The public verification of a first-aid certificate: masked holder, course, validity, issuer."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from redcross.verification import Verified

    certificate = certificate_for_verification(number)
    if certificate is None:
        return None
    state = certificate.state
    labels = {"valid": _("Valid"), "expiring": _("Valid, expiring soon"), "expired": _("Expired")}
    return Verified(
        title=_("First-aid certificate"), state=state,
        state_label=labels.get(state, _("Replaced by a newer certificate")),
        fields=[(_("Certificate number"), certificate.number), (_("Holder"), certificate.person.masked_name),
                (_("Course"), certificate.course.name), (_("Issued on"), certificate.issued_on.isoformat()),
                (_("Valid until"), certificate.expires_on.isoformat()),
                (_("Issued by"), certificate.organization.name)],
        link=reverse("training-public:verify-number", args=[certificate.number]))
