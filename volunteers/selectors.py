"""Reads that are more than a filter: the active rule, registration due, dashboard figures."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from redcross.prepared import prepared
from redcross.scoping import scope_queryset
from volunteers.choices import SERVING, EvaluationGrade, RecordStatus, SignUpStatus, VolunteerStatus
from volunteers.models import Commendation, CorrectionRequest, Evaluation, Insurance, ServiceRecord, SignUp, Volunteer


def _month_start(day, months_back):
    year, month = day.year, day.month - months_back
    while month <= 0:
        month += 12
        year -= 1
    return day.replace(year=year, month=month, day=1)


def active_window(today=None):
    """[start, end) of the months that count for "active": the last N months before the lag."""
    rules = settings.REDCROSS
    today = today or timezone.localdate()
    end = _month_start(today, rules["VOLUNTEER_ACTIVE_LAG_MONTHS"] - 1)
    start = _month_start(end, rules["VOLUNTEER_ACTIVE_WINDOW_MONTHS"])
    return start, end


def with_activity(queryset, today=None):
    """Annotate `window_hours` and `is_active` (IFRC anchor: ≥ 8 h a month on average)."""
    rules = settings.REDCROSS
    start, end = active_window(today)
    needed = Decimal(rules["VOLUNTEER_ACTIVE_MONTHLY_HOURS"] * rules["VOLUNTEER_ACTIVE_WINDOW_MONTHS"])
    window = (
        ServiceRecord.objects.filter(volunteer=OuterRef("pk"), status=RecordStatus.CONFIRMED,
                                     served_on__gte=start, served_on__lt=end)
        .values("volunteer").annotate(total=Sum("hours")).values("total")
    )
    return queryset.annotate(
        window_hours=Coalesce(Subquery(window), Value(Decimal("0")), output_field=DecimalField(max_digits=10,
                                                                                                 decimal_places=2)),
    ).annotate(is_active=Q(window_hours__gte=needed))


def volunteers_due_for_registration(queryset):
    since = timezone.localdate() - timedelta(days=365)
    year = (
        ServiceRecord.objects.filter(volunteer=OuterRef("pk"), status=RecordStatus.CONFIRMED, served_on__gte=since)
        .values("volunteer").annotate(total=Sum("hours")).values("total")
    )
    return queryset.filter(status=VolunteerStatus.SIGNED_UP).annotate(year_hours=Subquery(year)).filter(
        year_hours__gte=settings.REDCROSS["VOLUNTEER_REGISTRATION_HOURS"])


def volunteer_dashboard(*, user, today=None):
    """Figures for a district (or the city): by tier and star, hours per month, active rate."""
    today = today or timezone.localdate()
    volunteers = scope_queryset(Volunteer.objects.all(), user)
    serving = volunteers.filter(status__in=[VolunteerStatus.SIGNED_UP, VolunteerStatus.REGISTERED])
    by_status = dict(volunteers.values_list("status").annotate(n=Count("id")))
    by_tier = dict(serving.values_list("tier").annotate(n=Count("id")))
    by_star = dict(serving.values_list("stars").annotate(n=Count("id")))
    first_month = _month_start(today, 11)
    monthly = (
        scope_queryset(ServiceRecord.objects.filter(status=RecordStatus.CONFIRMED, served_on__gte=first_month), user)
        .annotate(month=TruncMonth("served_on")).values("month").annotate(hours=Sum("hours")).order_by("month")
    )
    per_month = {row["month"].strftime("%Y-%m"): row["hours"] for row in monthly}
    months = [_month_start(today, back).strftime("%Y-%m") for back in range(11, -1, -1)]
    active = with_activity(serving, today).filter(is_active=True).count()
    total_serving = sum(by_tier.values())
    return {
        "by_status": by_status,
        "by_tier": by_tier,
        "by_star": [(stars, by_star.get(stars, 0)) for stars in range(6)],
        "hours_per_month": [(month, per_month.get(month, Decimal("0"))) for month in months],
        "serving": total_serving,
        "active": active,
        "active_rate": round(100 * active / total_serving, 1) if total_serving else 0.0,
        "applications": by_status.get(VolunteerStatus.APPLIED, 0),
        "due_for_registration": volunteers_due_for_registration(volunteers).count(),
        "open_correction_requests": scope_queryset(CorrectionRequest.objects.filter(status="open"), user).count(),
        "upcoming_signups": scope_queryset(SignUp.objects.filter(
            status=SignUpStatus.SIGNED_UP, activity__starts_at__gte=timezone.now()), user).count(),
    }


def has_service_since(volunteer_ref, since):
    return Exists(ServiceRecord.objects.filter(volunteer=volunteer_ref, status=RecordStatus.CONFIRMED,
                                               served_on__gte=since))


def public_volunteer_figures():
    """Serving volunteers and this year's confirmed hours for the public home page, cached briefly."""
    from django.core.cache import cache

    figures = cache.get("public_volunteer_figures")
    if figures is None:
        year_start = timezone.localdate().replace(month=1, day=1)
        figures = {
            "serving": Volunteer.objects.serving().count(),
            "hours_this_year": ServiceRecord.objects.filter(status=RecordStatus.CONFIRMED, served_on__gte=year_start)
            .aggregate(total=Sum("hours"))["total"] or Decimal("0"),
        }
        cache.set("public_volunteer_figures", figures, 300)
    return figures


# --- for follow-up visits (followups/ reads volunteers only through these) ------------------------------------

def volunteers_visitable():
    """Every volunteer who may be visited: accepted at some point (not an applicant, not declined)."""
    return Volunteer.objects.exclude(status__in=[VolunteerStatus.APPLIED, VolunteerStatus.DECLINED])


def volunteers_in_standing(standing: str, *, before, since, until):
    """Visitable volunteers decided before `before` (an aware datetime), by their standing then.

    `serving`: signed up or registered; `registered`: registered before `before`; `commended` / `excellent`:
    a commendation / an excellent evaluation from `since` to `until` (dates), and not exited; anything else: all.
    """
    queryset = volunteers_visitable().filter(decided_at__lt=before)
    if standing == "serving":
        return queryset.filter(status__in=[VolunteerStatus.SIGNED_UP, VolunteerStatus.REGISTERED])
    if standing == "registered":
        return queryset.filter(status=VolunteerStatus.REGISTERED, registered_at__lt=before)
    if standing == "commended":
        honoured = Commendation.objects.filter(volunteer=OuterRef("pk"), awarded_on__gte=since, awarded_on__lte=until)
        return queryset.filter(Exists(honoured)).exclude(status=VolunteerStatus.EXITED)
    if standing == "excellent":
        rated = Evaluation.objects.filter(volunteer=OuterRef("pk"), grade=EvaluationGrade.EXCELLENT,
                                          evaluated_on__gte=since, evaluated_on__lte=until)
        return queryset.filter(Exists(rated)).exclude(status=VolunteerStatus.EXITED)
    return queryset


def volunteers_serving_in(prefix: str):
    """Serving volunteers of organisations within a region prefix, oldest first."""
    return (Volunteer.objects.filter(organization__region__code__startswith=prefix,
                                     status__in=[VolunteerStatus.SIGNED_UP, VolunteerStatus.REGISTERED])
            .order_by("pk"))
# --- for other apps (emergency teams and deployments) ----------------------------------------

def serving_statuses():
    """The statuses of a volunteer who may serve (signed up or registered)."""
    return SERVING


def volunteer_find(value: str, *, user):
    """The volunteer with this number (or id) within `user`'s area, or None."""
    value = (value or "").strip()
    found = scope_queryset(Volunteer.objects.select_related("person"), user)
    return found.filter(number=value).first() or (found.filter(pk=value).first() if value.isdigit() else None)


def volunteer_choices():
    """Every volunteer, for a choice field whose rules the writing service checks."""
    return Volunteer.objects.all()


def insured_volunteer_ids(volunteers, *, on):
    """Ids of `volunteers` (ids, instances or a subquery) with valid accident insurance on the day."""
    return set(Insurance.objects.filter(volunteer__in=volunteers, starts_on__lte=on, ends_on__gte=on)
               .values_list("volunteer_id", flat=True).distinct())


def volunteer_of_person(person):
    """The person's volunteer record, or None."""
    return Volunteer.objects.filter(person=person).first() if person is not None else None
def activity_region_codes(*, since, until):
    """Regions where a volunteer activity took place in [since, until]: a town's work (organizations.hooks)."""
    from volunteers.models import Activity

    return (Activity.objects.filter(starts_at__date__gte=since, starts_at__date__lte=until)
            .values_list("region_id", flat=True).distinct())
def todos(user):
    """The workbench's to-do lines of volunteers/: applications to review, hours to confirm, corrections to answer."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from redcross.todo import Todo

    items = []
    if user.has_perm("volunteers.change_volunteer"):
        applied = scope_queryset(Volunteer.objects.filter(status=VolunteerStatus.APPLIED), user).count()
        items.append(Todo(_("Applications to review"), applied,
                          reverse("volunteers:volunteer_list") + "?status=" + VolunteerStatus.APPLIED))
    if user.has_perm("volunteers.change_servicerecord"):
        recorded = scope_queryset(ServiceRecord.objects.filter(status=RecordStatus.RECORDED), user).count()
        items.append(Todo(_("Service hours to confirm"), recorded,
                          reverse("volunteers:record_list") + "?status=" + RecordStatus.RECORDED))
    if user.has_perm("volunteers.add_servicerecord"):
        corrections = scope_queryset(CorrectionRequest.objects.filter(status="open"), user).count()
        items.append(Todo(_("Correction requests to answer"), corrections, reverse("volunteers:record_list")))
    return items


def certificate_verified(number: str):
    """The public verification of a volunteer service certificate (ZYZ…): masked holder, hours, issuer."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from redcross.verification import Verified

    certificate = service_certificate(number)
    if certificate is None:
        return None
    return Verified(
        title=_("Volunteer service certificate"), state="valid", state_label=_("Genuine"),
        fields=[(_("Certificate number"), certificate.number),
                (_("Holder"), certificate.volunteer.person.masked_name),
                (_("Volunteer number"), certificate.volunteer.number),
                (_("Confirmed hours"), certificate.hours),
                (_("Issuing organisation"), certificate.organization.name),
                (_("Issued on"), certificate.issued_on.isoformat())],
        link=reverse("volunteers-public:verify") + f"?number={certificate.number}")


def service_certificate(number: str):
    """A volunteer service certificate by its number, with its holder and issuer (the public verifications)."""
    return _service_certificate_by_number.first(number)


@prepared()
def _service_certificate_by_number(number):
    # Compiled once (redcross/prepared.py): the public verification's read, asked for on every request.
    from volunteers.models import ServiceCertificate

    return ServiceCertificate.objects.select_related("volunteer__person", "organization").filter(
        number=number).order_by()[:1]


def totals_drift():
    """Volunteers whose running confirmed hours differ from the sum of their confirmed records (the nightly check).

    One grouped scan of the records joined to the volunteers, as the raw SQL would do it: no query per volunteer.
    """
    from django.db import connection

    volunteers, records = Volunteer._meta.db_table, ServiceRecord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT v.number, v.id, v.confirmed_hours, COALESCE(s.total, 0) FROM {volunteers} v
                LEFT JOIN (SELECT volunteer_id, SUM(hours) AS total FROM {records} WHERE status = %s
                           GROUP BY volunteer_id) s ON s.volunteer_id = v.id
                WHERE v.confirmed_hours <> COALESCE(s.total, 0) ORDER BY v.id""",
            [RecordStatus.CONFIRMED])
        return [("volunteers.volunteer.confirmed_hours", number or f"#{pk}", kept, again)
                for number, pk, kept, again in cursor.fetchall()]
