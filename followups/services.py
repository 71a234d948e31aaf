"""Every write with a rule in followups/: the portal, the API and the tasks call these."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from followups import parties, selectors
from followups.choices import (
    DONE_STATUSES,
    ISSUE_TRANSITIONS,
    OPEN_STATUSES,
    BulletinStatus,
    Difficulty,
    IssueStatus,
    PartyKind,
    PlanPeriod,
    VisitMethod,
)
from followups.models import (
    PARTY_FIELDS,
    Bulletin,
    Issue,
    IssueActivity,
    PlanItem,
    Visit,
    VisitPlan,
    VisitRate,
    VisitTarget,
    party_key,
)
from people import crypto
from redcross.numbering import next_number
from redcross.scoping import require_in_scope


def _organization_of(actor, organization=None):
    if organization is not None:
        return organization
    profile = getattr(actor, "staff_profile", None)
    if profile is None:
        raise ValidationError({"organization": _("Organisation: choose the organisation this belongs to.")})
    return profile.organization


def _society_kind_ok(organization) -> bool:
    return organization.kind in ("city_society", "district_society", "town_organization")


def _city_society():
    from organizations.models import Organization

    return (Organization.objects.filter(kind="city_society", region_id=selectors.city_code(), is_active=True)
            .order_by("pk").first())


# --- targets -------------------------------------------------------------------------------------

@transaction.atomic
def target_save(*, actor, target: VisitTarget | None = None, **fields) -> VisitTarget:
    """Create or change a visit target; the rule must be one the kind of party can use."""
    allowed = {"year", "organization", "party_kind", "rate", "eligibility", "within_years"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if target is not None:
        require_in_scope(actor, target.region_id, "organization")
    target = target or VisitTarget()
    for name, value in fields.items():
        setattr(target, name, value)
    if target.organization_id:
        target.region_id = target.organization.region_id
        require_in_scope(actor, target.region_id, "organization",
                         _("Organisation: you can only set targets within your own area."))
    errors = {}
    try:
        target.full_clean()
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if target.party_kind in parties.RULES and target.eligibility and \
            target.eligibility not in parties.RULES[target.party_kind]:
        errors.setdefault("eligibility", []).append(_("Who is eligible: this rule does not apply to that kind of "
                                                      "party."))
    if errors:
        raise ValidationError(errors)
    target.save()
    return target


# --- plans ---------------------------------------------------------------------------------------

def period_dates(year: int, period: str) -> tuple[date, date]:
    if period == PlanPeriod.YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    quarter = int(period[1])
    start = date(year, 3 * quarter - 2, 1)
    end = (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)) - timedelta(days=1)
    return start, end


def _link_fields(kind, record) -> dict:
    return {"party_kind": kind, PARTY_FIELDS[kind]: record}


@transaction.atomic
def plan_create(*, actor, year: int, period: str = PlanPeriod.YEAR, organization=None, title: str = "",
                visitors=()) -> VisitPlan:
    organization = _organization_of(actor, organization)
    errors = {}
    if period not in PlanPeriod.values:
        errors["period"] = [_("Period: choose the year or a quarter.")]
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = [_("Year: a year between 2000 and 2100.")]
    if errors:
        raise ValidationError(errors)
    require_in_scope(actor, organization.region_id, "organization")
    starts_on, ends_on = period_dates(year, period)
    plan = VisitPlan(organization=organization, region_id=organization.region_id, year=year, period=period,
                     starts_on=starts_on, ends_on=ends_on, created_by=actor,
                     title=title or _("%(org)s follow-up visit plan %(year)s (%(period)s)")
                     % {"org": organization.name, "year": year, "period": PlanPeriod(period).label})
    plan.full_clean(exclude=["created_by"])
    plan.save()
    if visitors:
        plan.visitors.set(visitors)
    return plan


@transaction.atomic
def plan_generate(*, plan: VisitPlan, actor=None, kinds=None, on: date | None = None) -> int:
    """Put on the plan everyone of its area the targets' rules make eligible and not yet visited this year.

    Idempotent: someone already on the plan is not added twice; people added or removed by hand stay so.
    Due dates are spread evenly over the period; visitors are assigned in turn.
    """
    plan = VisitPlan.objects.select_for_update().get(pk=plan.pk)
    require_in_scope(actor, plan.region_id, "plan")
    on = on or min(max(timezone.localdate(), plan.starts_on), plan.ends_on)
    prefix = plan.region.prefix
    visitors = list(plan.visitors.order_by("pk"))
    kinds = kinds or list(selectors.DEFAULT_TARGETS)
    existing = set(PlanItem.objects.filter(plan=plan).values_list("party_key", flat=True))
    start_of_year = date(plan.year, 1, 1)
    candidates = []
    for kind in kinds:
        targets = selectors.targets_for(plan.year, kind)
        district = selectors.district_of(plan.region_id)
        _rate, rule, within = targets.get(district, next(iter(targets.values())))
        column = parties.SOURCES[kind].column
        visited = Visit.objects.filter(visited_on__gte=start_of_year, **{f"{column}__isnull": False}).values(column)
        eligible = (parties.in_region(parties.eligible(kind, rule, on=on, within_years=within), kind, prefix)
                    .exclude(pk__in=visited).select_related(*parties.SOURCES[kind].select_related).order_by("pk"))
        for record in eligible.iterator(chunk_size=2000):
            key = party_key(kind, record.pk)
            if key not in existing:
                existing.add(key)
                candidates.append((kind, record))
    # Spread over what is left of the period, so nobody is overdue the day the list is made.
    first = min(max(timezone.localdate(), plan.starts_on), plan.ends_on)
    days = max((plan.ends_on - first).days, 0)
    items = []
    for index, (kind, record) in enumerate(candidates):
        due = first + timedelta(days=days * (index + 1) // max(len(candidates), 1))
        items.append(PlanItem(plan=plan, region_id=parties.region_of(kind, record),
                              party_key=party_key(kind, record.pk),
                              due_on=due, visitor=visitors[index % len(visitors)] if visitors else None,
                              **_link_fields(kind, record)))
    PlanItem.objects.bulk_create(items, batch_size=2000)
    return len(items)


@transaction.atomic
def plan_item_add(*, plan: VisitPlan, actor, party_kind: str, party_id, due_on: date | None = None,
                  visitor=None) -> PlanItem:
    require_in_scope(actor, plan.region_id, "plan")
    record = parties.get_party(party_kind, party_id)
    if record is None:
        raise ValidationError({"party_id": _("Party: no such record of that kind.")})
    region = parties.region_of(party_kind, record)
    require_in_scope(actor, region, "party_id", _("Party: outside your area."))
    if not region.startswith(plan.region.prefix):
        raise ValidationError({"party_id": _("Party: outside the plan's area.")})
    item = PlanItem(plan=plan, region_id=region, party_key=party_key(party_kind, record.pk),
                    due_on=due_on or plan.ends_on, visitor=visitor, added_by_hand=True,
                    **_link_fields(party_kind, record))
    item.full_clean(exclude=["plan", "visitor", "visit"])
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ValidationError({"party_id": _("Party: already on this plan.")}) from None
    return item


@transaction.atomic
def plan_item_change(*, item: PlanItem, actor, due_on: date | None = None, visitor=None,
                     remove: bool = False) -> PlanItem | None:
    require_in_scope(actor, item.region_id, "item")
    if remove:
        if item.visit_id:
            raise ValidationError({"item": _("Party: already visited; the visit stays on the plan.")})
        item.delete()
        return None
    if due_on is not None:
        if not item.plan.starts_on <= due_on <= item.plan.ends_on:
            raise ValidationError({"due_on": _("Due on: within the plan's period.")})
        item.due_on = due_on
    if visitor is not None:
        item.visitor = visitor
    item.save(update_fields=["due_on", "visitor"])
    return item


# --- visits --------------------------------------------------------------------------------------

VISIT_FIELDS = ("method", "visited_on", "companions", "difficulties", "difficulties_text", "suggestions",
                "satisfaction", "is_typical")


@transaction.atomic
def visit_record(*, actor, party_kind: str, party_id, organization=None, visitors=(), notes: str = "",
                 plan_item: PlanItem | None = None, issues=(), **fields) -> Visit:
    """Record a visit to a volunteer, donor, member unit or aid case; problems raised become issues.

    `issues` is a list of dicts (category, title, description, department, due_on). The visit closes the
    party's open plan items of the year, and the district's rate is recomputed after the commit.
    """
    unknown = set(fields) - set(VISIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    errors = {}
    if party_kind not in PartyKind.values:
        errors["party_kind"] = [_("Kind of party: choose one of the listed kinds.")]
        raise ValidationError(errors)
    record = parties.get_party(party_kind, party_id)
    if record is None:
        raise ValidationError({"party_id": _("Party: no such record of that kind.")})
    region = parties.region_of(party_kind, record)
    require_in_scope(actor, region, "party_id", _("Party: outside your area."))
    organization = _organization_of(actor, organization)
    difficulties = list(fields.pop("difficulties", None) or [])
    bad = [d for d in difficulties if d not in Difficulty.values]
    if bad:
        errors["difficulties"] = [_("Difficulties heard: unknown category %(value)s.") % {"value": bad[0]}]
    visited_on = fields.get("visited_on")
    if isinstance(visited_on, date) and visited_on > timezone.localdate():
        errors["visited_on"] = [_("Visited on: not in the future.")]
    if fields.get("method") and fields["method"] not in VisitMethod.values:
        errors["method"] = [_("Method: on site, phone, online or forum.")]
    visit = Visit(organization=organization, region_id=region, party_key=party_key(party_kind, record.pk),
                  created_by=actor, difficulties=difficulties, notes_encrypted=crypto.encrypt((notes or "").strip()),
                  plan_item=plan_item, **_link_fields(party_kind, record), **fields)
    try:
        visit.full_clean(exclude=["created_by", "visitors", "plan_item", "difficulties"])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    issue_rows = list(issues or [])
    for index, row in enumerate(issue_rows):
        if not (row.get("title") or "").strip():
            errors.setdefault("issues", []).append(
                _("Problems raised: problem %(n)s needs a title.") % {"n": index + 1})
    if errors:
        raise ValidationError(errors)
    visit.save()
    if visitors:
        visit.visitors.set(visitors)
    column = PARTY_FIELDS[party_kind]
    PlanItem.objects.filter(visit__isnull=True, plan__year=visit.visited_on.year,
                            **{column: record}).update(visit=visit)
    if plan_item is not None and plan_item.visit_id is None:
        PlanItem.objects.filter(pk=plan_item.pk).update(visit=visit)
    for row in issue_rows:
        issue_raise(actor=actor, visit=visit, **row)
    district = selectors.district_of(region)
    year = visit.visited_on.year
    transaction.on_commit(lambda: _queue_rates(year, district))
    return visit


def _queue_rates(year, district):
    from followups import tasks

    tasks.rates_recompute.delay(year=year, district=district)


def visit_notes(*, visit: Visit, actor, reason: str) -> str:
    """The encrypted notes in clear, for a role that may read personal data; always logged."""
    from people.models import PersonalDataAccess

    if not actor.has_perm("people.reveal_personal_data"):
        raise ValidationError({"notes": _("Notes: your role may not read them.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Reason: say why you need to read the notes.")})
    person = getattr(visit.party, "person", None)
    if person is not None:
        PersonalDataAccess.objects.create(person=person, user=actor, fields="followups.visit.notes",
                                          reason=reason.strip(), channel="portal")
    return crypto.decrypt(visit.notes_encrypted)


# --- issues --------------------------------------------------------------------------------------

def _log(issue, actor, action, from_status="", to_status="", note=""):
    IssueActivity.objects.create(issue=issue, actor=actor, action=action, from_status=from_status,
                                 to_status=to_status, note=note or "")


@transaction.atomic
def issue_raise(*, actor, category: str, title: str, visit: Visit | None = None, description: str = "",
                department: str = "", due_on: date | None = None, organization=None, region=None) -> Issue:
    organization = organization or (visit.organization if visit else _organization_of(actor))
    region_id = visit.region_id if visit else (getattr(region, "code", region) or organization.region_id)
    require_in_scope(actor, region_id, "visit")
    issue = Issue(visit=visit, organization=organization, region_id=region_id, category=category,
                  title=(title or "").strip(), description=(description or "").strip(),
                  department=(department or "").strip(), due_on=due_on or timezone.localdate() + timedelta(days=30),
                  created_by=actor,
                  status=IssueStatus.ASSIGNED if (department or "").strip() else IssueStatus.OPEN)
    issue.full_clean(exclude=["created_by", "visit"])
    issue.save()
    _log(issue, actor, "opened", to_status=IssueStatus.OPEN, note=issue.title)
    if issue.status == IssueStatus.ASSIGNED:
        _log(issue, actor, "referred", IssueStatus.OPEN, IssueStatus.ASSIGNED, issue.department)
    return issue


def _lock(issue) -> Issue:
    return Issue.objects.select_for_update().get(pk=issue.pk)


def _move(issue, actor, to_status, action, note=""):
    if to_status not in ISSUE_TRANSITIONS[IssueStatus(issue.status)]:
        raise ValidationError({"status": _("Status: a %(current)s issue cannot become %(new)s.")
                               % {"current": issue.get_status_display(), "new": IssueStatus(to_status).label}})
    before = issue.status
    issue.status = to_status
    if to_status in DONE_STATUSES and issue.closed_at is None:
        issue.closed_at = timezone.now()
    _log(issue, actor, action, before, to_status, note)


@transaction.atomic
def issue_refer(*, issue: Issue, actor, department: str, assignee=None, due_on: date | None = None,
                note: str = "") -> Issue:
    issue = _lock(issue)
    require_in_scope(actor, issue.region_id, "issue")
    department = (department or "").strip()
    if not department:
        raise ValidationError({"department": _("Department: name the department it is referred to.")})
    if issue.status != IssueStatus.ASSIGNED:
        _move(issue, actor, IssueStatus.ASSIGNED, "referred", note or department)
    else:
        _log(issue, actor, "referred", issue.status, issue.status, note or department)
    issue.department = department
    if assignee is not None:
        issue.assignee = assignee
    if due_on is not None:
        issue.due_on = due_on
    issue.save()
    return issue


@transaction.atomic
def issue_progress(*, issue: Issue, actor, note: str = "") -> Issue:
    issue = _lock(issue)
    require_in_scope(actor, issue.region_id, "issue")
    _move(issue, actor, IssueStatus.IN_PROGRESS, "in_progress", note)
    issue.save()
    return issue


@transaction.atomic
def issue_note(*, issue: Issue, actor, note: str) -> Issue:
    require_in_scope(actor, issue.region_id, "issue")
    if not (note or "").strip():
        raise ValidationError({"note": _("Note: write something.")})
    _log(issue, actor, "note", issue.status, issue.status, note.strip())
    return issue


@transaction.atomic
def issue_finish(*, issue: Issue, actor, status: str, resolution: str, feedback: str = "",
                 feedback_satisfaction: int | None = None) -> Issue:
    """Resolve, close or declare unresolvable, with the result and the visited party's feedback."""
    issue = _lock(issue)
    require_in_scope(actor, issue.region_id, "issue")
    errors = {}
    if status not in DONE_STATUSES:
        errors["status"] = [_("Status: resolved, closed or cannot be resolved.")]
    if not (resolution or "").strip():
        errors["resolution"] = [_("Result: say what was done.")]
    if feedback_satisfaction is not None and not 1 <= int(feedback_satisfaction) <= 5:
        errors["feedback_satisfaction"] = [_("Feedback satisfaction: from 1 to 5.")]
    if errors:
        raise ValidationError(errors)
    _move(issue, actor, status, status, resolution)
    issue.resolution = resolution.strip()
    if feedback:
        issue.feedback = feedback.strip()
        issue.feedback_satisfaction = feedback_satisfaction
        _log(issue, actor, "feedback", status, status, feedback.strip())
    issue.full_clean(exclude=["created_by", "visit"])
    issue.save()
    return issue


@transaction.atomic
def issue_feedback(*, issue: Issue, actor, feedback: str, feedback_satisfaction: int | None = None) -> Issue:
    issue = _lock(issue)
    require_in_scope(actor, issue.region_id, "issue")
    if not (feedback or "").strip():
        raise ValidationError({"feedback": _("Feedback: write what the visited party said.")})
    issue.feedback = feedback.strip()
    issue.feedback_satisfaction = feedback_satisfaction
    issue.full_clean(exclude=["created_by", "visit"])
    issue.save(update_fields=["feedback", "feedback_satisfaction"])
    _log(issue, actor, "feedback", issue.status, issue.status, issue.feedback)
    return issue


def issues_escalate(*, today: date | None = None) -> int:
    """Escalate every overdue open issue of a district to the city society, once each."""
    today = today or timezone.localdate()
    city = _city_society()
    if city is None:
        return 0
    escalated = 0
    overdue = Issue.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today, escalated_at__isnull=True)
    for pk in overdue.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            issue = Issue.objects.select_for_update(skip_locked=True).filter(pk=pk, escalated_at__isnull=True).first()
            if issue is None:
                continue
            issue.escalated_to = city
            issue.escalated_at = timezone.now()
            issue.save(update_fields=["escalated_to", "escalated_at"])
            _log(issue, None, "escalated", issue.status, issue.status,
                 _("Overdue since %(date)s: escalated to %(org)s.") % {"date": issue.due_on.isoformat(),
                                                                      "org": city.name})
            escalated += 1
    return escalated


# --- bulletins -----------------------------------------------------------------------------------

@transaction.atomic
def bulletin_draft(*, actor, period_start: date, period_end: date, organization=None, title: str = "",
                   typical_cases: str | None = None, suggestions: str | None = None) -> Bulletin:
    organization = _organization_of(actor, organization)
    require_in_scope(actor, organization.region_id, "organization")
    errors = {}
    if not _society_kind_ok(organization):
        errors["organization"] = [_("Organisation: bulletins come from a Red Cross society.")]
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = [_("Period to: after the start.")]
    if errors:
        raise ValidationError(errors)
    prefix = organization.region.prefix
    cases, ideas = selectors.typical_cases_draft(prefix=prefix, start=period_start, end=period_end)
    bulletin = Bulletin(organization=organization, region_id=organization.region_id, year=period_end.year,
                        period_start=period_start, period_end=period_end, created_by=actor,
                        title=title or _("%(org)s follow-up visit bulletin, %(start)s to %(end)s")
                        % {"org": organization.name, "start": period_start.isoformat(),
                           "end": period_end.isoformat()},
                        typical_cases=cases if typical_cases is None else typical_cases,
                        suggestions=ideas if suggestions is None else suggestions,
                        figures=selectors.bulletin_figures(prefix=prefix, start=period_start, end=period_end))
    bulletin.full_clean(exclude=["created_by", "figures"])
    bulletin.save()
    return bulletin


@transaction.atomic
def bulletin_edit(*, bulletin: Bulletin, actor, **fields) -> Bulletin:
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    require_in_scope(actor, bulletin.region_id, "bulletin")
    if bulletin.status != BulletinStatus.DRAFT:
        raise ValidationError({"status": _("Status: only a draft can be edited; correct a published bulletin with "
                                           "a new version.")})
    for name in ("title", "typical_cases", "suggestions"):
        if name in fields:
            setattr(bulletin, name, fields[name])
    bulletin.full_clean(exclude=["created_by", "figures"])
    bulletin.save()
    return bulletin


@transaction.atomic
def bulletin_submit(*, bulletin: Bulletin, actor) -> Bulletin:
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    require_in_scope(actor, bulletin.region_id, "bulletin")
    if bulletin.status != BulletinStatus.DRAFT:
        raise ValidationError({"status": _("Status: only a draft can be submitted.")})
    bulletin.status = BulletinStatus.SUBMITTED
    bulletin.submitted_at = timezone.now()
    bulletin.save(update_fields=["status", "submitted_at"])
    return bulletin


def _bulletin_counter(organization_id, year) -> str:
    return f"followups.bulletin:{organization_id}:{year}"


@transaction.atomic
def bulletin_publish(*, bulletin: Bulletin, actor) -> Bulletin:
    """Number it (gapless per organisation and year), freeze its figures, and for the city take in the
    published district bulletins of the period."""
    bulletin = Bulletin.objects.select_for_update().select_related("organization__region").get(pk=bulletin.pk)
    require_in_scope(actor, bulletin.region_id, "bulletin")
    if bulletin.status != BulletinStatus.SUBMITTED:
        raise ValidationError({"status": _("Status: submit the bulletin before publishing it.")})
    prefix = bulletin.organization.region.prefix
    figures = selectors.bulletin_figures(prefix=prefix, start=bulletin.period_start, end=bulletin.period_end)
    included = []
    if bulletin.organization.kind == "city_society":
        included = list(Bulletin.objects.filter(status=BulletinStatus.PUBLISHED, region__code__startswith=prefix,
                                                period_start__lte=bulletin.period_end,
                                                period_end__gte=bulletin.period_start)
                        .exclude(organization=bulletin.organization).select_related("organization")
                        .order_by("region_id", "number"))
        figures["districts"] = [{"organization": b.organization.name, "number": b.number, "version": b.version,
                                 "year": b.year, "visits": b.figures.get("visits", 0),
                                 "issues_opened": b.figures.get("issues_opened", 0),
                                 "issues_resolved": b.figures.get("issues_resolved", 0),
                                 "rates": b.figures.get("rates", {})} for b in included]
    if bulletin.corrects_id:
        bulletin.number = bulletin.corrects.number
        Bulletin.objects.filter(pk=bulletin.corrects_id).update(status=BulletinStatus.SUPERSEDED)
    else:
        bulletin.number = next_number(_bulletin_counter(bulletin.organization_id, bulletin.year))
    bulletin.figures = figures
    bulletin.status = BulletinStatus.PUBLISHED
    bulletin.published_at = timezone.now()
    bulletin.published_by = actor
    bulletin.save()
    if included:
        bulletin.includes.set(included)
    return bulletin


@transaction.atomic
def bulletin_correct(*, bulletin: Bulletin, actor) -> Bulletin:
    """A correction is a new draft version of a published bulletin; the published one is never edited."""
    original = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    require_in_scope(actor, original.region_id, "bulletin")
    if original.status != BulletinStatus.PUBLISHED:
        raise ValidationError({"status": _("Status: only the published version can be corrected.")})
    if Bulletin.objects.filter(corrects=original).exclude(status=BulletinStatus.PUBLISHED).exists():
        raise ValidationError({"status": _("Status: a correction of this bulletin is already being drafted.")})
    return Bulletin.objects.create(
        organization=original.organization, region_id=original.region_id, year=original.year,
        version=original.version + 1, corrects=original, title=original.title,
        period_start=original.period_start, period_end=original.period_end, typical_cases=original.typical_cases,
        suggestions=original.suggestions, figures=original.figures, created_by=actor)


# --- running figures -----------------------------------------------------------------------------

def rates_recompute(*, year: int | None = None, district: str | None = None, on: date | None = None) -> int:
    """Refresh the board's running figures (VisitRate) for a year, one district or all; idempotent."""
    today = timezone.localdate()
    year = year or today.year
    on = on or (today if today.year == year else date(year, 12, 31))
    prefix = district[:6] if district else ""
    now = timezone.now()
    written = 0
    for kind in selectors.BOARD_KINDS:
        figures = selectors.rate_figures(kind, on=on, prefix=prefix)
        targets = selectors.targets_for(year, kind)
        codes = [code for code in targets if code.startswith(prefix)]
        rows = [VisitRate(region_id=code, year=year, party_kind=kind, eligible=figures.get(code, (0, 0))[1],
                          visited=figures.get(code, (0, 0))[0], target_rate=targets[code][0], computed_at=now)
                for code in codes]
        VisitRate.objects.bulk_create(rows, update_conflicts=True, unique_fields=["region", "year", "party_kind"],
                                      update_fields=["eligible", "visited", "target_rate", "computed_at"])
        written += len(rows)
    return written


def plans_generate_due(*, year: int | None = None, period: str = PlanPeriod.YEAR) -> int:
    """The worker's run: a plan for every district society that has none for the period, filled from the rules.

    `period="quarter"` means the current quarter. A plan that exists is left as the staff adjusted it.
    """
    from organizations.models import Organization

    today = timezone.localdate()
    year = year or today.year
    if period == "quarter":
        period = f"q{(today.month - 1) // 3 + 1}"
    added = 0
    for organization in Organization.objects.filter(kind="district_society", is_active=True,
                                                    region__parent_id=selectors.city_code()):
        if VisitPlan.objects.filter(organization=organization, year=year, period=period).exists():
            continue
        plan = plan_create(actor=None, year=year, period=period, organization=organization)
        added += plan_generate(plan=plan, actor=None)
    return added


def reminders_send(*, today: date | None = None) -> int:
    """Weekly: each assigned visitor hears of their visits due in the coming week and overdue, once a week."""
    from redcross.notifications import notify_once

    today = today or timezone.localdate()
    week = today.isocalendar()
    rows = (PlanItem.objects.filter(visit__isnull=True, visitor__isnull=False, due_on__lte=today + timedelta(days=7))
            .values("visitor_id").annotate(due=Count("pk", filter=Q(due_on__gte=today)),
                                           overdue=Count("pk", filter=Q(due_on__lt=today))).order_by())
    sent = 0
    for row in rows:
        message = _("Follow-up visits: %(due)s due this week, %(overdue)s overdue.") % row
        sent += notify_once(kind="followups.visit_reminder", key=f"{row['visitor_id']}:{week[0]}-{week[1]}",
                            message=message, channel="portal")
    return sent


def bulletins_draft_monthly(*, today: date | None = None) -> int:
    """Monthly: a draft bulletin for last month for every society that has none for it yet."""
    from organizations.models import Organization

    today = today or timezone.localdate()
    end = today.replace(day=1) - timedelta(days=1)
    start = end.replace(day=1)
    made = 0
    for organization in Organization.objects.filter(kind__in=["city_society", "district_society"], is_active=True,
                                                    region__code__startswith=selectors.city_code()[:4]):
        if Bulletin.objects.filter(organization=organization, period_start=start, period_end=end,
                                   corrects__isnull=True).exists():
            continue
        bulletin_draft(actor=None, organization=organization, period_start=start, period_end=end)
        made += 1
    return made


def visit_rate(kind: str, region_code: str, year: int):
    return VisitRate.objects.filter(region_id=region_code, year=year, party_kind=kind).first()
