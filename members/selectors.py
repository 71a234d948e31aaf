"""Reads that are more than a filter: outstanding member units, member counts, dues collected."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Coalesce, Left

from members.choices import MemberKind, MemberStatus
from members.models import DuesPayment, Member
from redcross.scoping import scope_queryset


def outstanding_contributions(*, user, year: int | None = None, limit: int = 20):
    """Unit members ranked by what they gave (in a year, or ever): money and goods in yuan, plus each volunteer
    or trainee at the value `MEMBER_CONTRIBUTION_PERSON_VALUE` — for follow-up visits and commendation."""
    person_value = Decimal(str(settings.REDCROSS["MEMBER_CONTRIBUTION_PERSON_VALUE"]))
    within = Q(contributions__contributed_on__year=year) if year else Q()
    money = DecimalField(max_digits=14, decimal_places=2)
    members = (scope_queryset(Member.objects.filter(kind=MemberKind.UNIT), user)
               .exclude(status=MemberStatus.WITHDRAWN)
               .annotate(value=Coalesce(Sum("contributions__amount", filter=within), Value(Decimal("0")),
                                        output_field=money),
                         people=Coalesce(Sum("contributions__people", filter=within), Value(0)),
                         contributions_count=Count("contributions", filter=within))
               .filter(contributions_count__gt=0)
               .annotate(score=ExpressionWrapper(F("value") + F("people") * Value(person_value), output_field=money))
               .select_related("unit", "region")
               .order_by("-score", "number"))
    return members[:limit]


def member_counts(*, user) -> dict:
    """{status: {kind: n}} within the user's area."""
    counts: dict = {}
    rows = scope_queryset(Member.objects.all(), user).values_list("status", "kind").annotate(n=Count("id"))
    for status, kind, n in rows.order_by():
        counts.setdefault(status, {})[kind] = n
    return counts


def dues_collected(*, user, year: int) -> Decimal:
    total = scope_queryset(DuesPayment.objects.filter(year=year), user).aggregate(t=Sum("amount"))["t"]
    return total or Decimal("0")


def active_members_figures(*, on: date) -> dict:
    """Plan target: members in good standing at the end of `on`, per district (joined by then, not withdrawn
    or lapsed by then)."""
    gone = Q(status__in=[MemberStatus.WITHDRAWN, MemberStatus.LAPSED], status_changed_on__lte=on)
    rows = (Member.objects.filter(joined_on__lte=on).exclude(gone).annotate(district=Left("region_id", 6))
            .values_list("district").annotate(n=Count("id")).order_by())
    return {f"{district}000000": (n, 0) for district, n in rows}
