"""Every write with a rule in emergency/: the portal, the API, the demo and tasks call these."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from emergency.choices import (
    AID_NEXT,
    DEPLOYMENT_NEXT,
    INCIDENT_NEXT,
    AidStatus,
    DeploymentStatus,
    IncidentStatus,
    MemberRole,
    MovementKind,
    Readiness,
    Standby,
    StockRequestStatus,
)
from emergency.models import (
    Alert,
    AlertNotice,
    Deployment,
    Drill,
    DrillParticipant,
    Equipment,
    Incident,
    IncidentTask,
    Item,
    MutualAid,
    Plan,
    PlanStep,
    SituationReport,
    StockLot,
    StockMinimum,
    StockMovement,
    StockRequest,
    Team,
    TeamMember,
    TeamRequirement,
    TeamStandard,
    Warehouse,
)
from redcross.errors import collect
from redcross.notifications import notify_once
from redcross.scoping import ALL, region_in_scope, require_in_scope, user_scope_prefix


def _only(fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _require_city(actor, field="team_type"):
    if actor is not None and user_scope_prefix(actor) != ALL:
        raise ValidationError({field: _("Only the city society changes the city's standards and catalogue.")})


def _save(obj, **extra):
    obj.full_clean(**extra)
    obj.save()
    return obj


def _quantity(value, field="quantity") -> Decimal:
    try:
        quantity = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("Quantity: enter a number.")}) from None
    if not quantity.is_finite() or quantity <= 0:
        raise ValidationError({field: _("Quantity: more than zero.")})
    return quantity.quantize(Decimal("0.01"))


def _check_transition(choices, table, current, status):
    """Refuse a status that does not follow from the current one in `table`."""
    if status not in table[choices(current)]:
        raise ValidationError({"status": _("Status: %(from)s cannot move to %(to)s.")
                               % {"from": choices(current).label,
                                  "to": choices(status).label if status in choices.values else status}})


# --- readiness ------------------------------------------------------------------------------

def readiness_schedule(team_ids=None):
    """Recompute after the current transaction commits, in the worker."""
    from emergency.tasks import readiness_recompute_task

    ids = sorted(set(team_ids)) if team_ids is not None else None
    transaction.on_commit(lambda: readiness_recompute_task.delay(team_ids=ids))


def readiness_recompute(*, team_ids=None, today=None) -> int:
    """Compute readiness for the teams (all with None) and store what changed. Idempotent.

    Only teams whose colour or reasons changed are written (a quiet night writes nothing and adds no history);
    `readiness_at` is when the current readiness was reached, the time of the run is kept in the cache.
    """
    from django.core.cache import cache

    from emergency import readiness

    today = today or timezone.localdate()
    teams = Team.objects.filter(is_active=True)
    if team_ids is not None:
        teams = teams.filter(pk__in=team_ids)
    answer = readiness.compute(teams, today)
    now = timezone.now()
    current = {pk: (colour, reasons) for pk, colour, reasons in
               teams.values_list("pk", "readiness", "readiness_reasons")}
    changed = [Team(pk=pk, readiness=colour, readiness_reasons=reasons, readiness_at=now)
               for pk, (colour, reasons) in answer.items() if current.get(pk) != (colour, reasons)]
    with transaction.atomic():
        Team.objects.bulk_update(changed, ["readiness", "readiness_reasons", "readiness_at"], batch_size=200)
    if team_ids is None:
        cache.set(READINESS_RUN_KEY, now.isoformat(), timeout=None)
    return len(changed)


READINESS_RUN_KEY = "emergency:readiness:last_run"


# --- standards and the requirement matrix ---------------------------------------------------

STANDARD_FIELDS = ("team_type", "min_members", "required_course_kinds", "kit", "drill_interval_days", "notes")


@transaction.atomic
def standard_save(*, actor, standard=None, **fields) -> TeamStandard:
    _only(fields, STANDARD_FIELDS)
    _require_city(actor)
    from training import selectors as training_selectors

    standard = standard or TeamStandard()
    for name, value in fields.items():
        setattr(standard, name, value)
    known = {kind for kind, _label in training_selectors.course_kind_choices()}
    bad = [k for k in standard.required_course_kinds if k not in known]
    if bad:
        raise ValidationError({"required_course_kinds": _("Required certificates: unknown course kind %(kinds)s.")
                               % {"kinds": ", ".join(bad)}})
    standard.kit = [k.strip() for k in standard.kit if k and k.strip()]
    _save(standard)
    readiness_schedule(Team.objects.filter(team_type=standard.team_type).values_list("pk", flat=True))
    return standard


@transaction.atomic
def requirement_set(*, actor, region, team_type, min_teams=1, required=True):
    """Say that a district must (or need not) have teams of a type."""
    _require_city(actor, "region")
    if region.level != "district":
        raise ValidationError({"region": _("District: choose a district or county.")})
    if not required:
        TeamRequirement.objects.filter(region=region, team_type=team_type).delete()
        return None
    requirement = TeamRequirement.objects.filter(region=region, team_type=team_type).first() or \
        TeamRequirement(region=region, team_type=team_type)
    requirement.min_teams = min_teams
    return _save(requirement)


# --- teams, members, equipment, drills ------------------------------------------------------

TEAM_FIELDS = ("name", "organization", "region", "team_type", "level", "founded_on", "standby", "is_active")


@transaction.atomic
def team_save(*, actor, team=None, **fields) -> Team:
    _only(fields, TEAM_FIELDS)
    if team is not None:
        require_in_scope(actor, team.region_id)
    team = team or Team()
    for name, value in fields.items():
        setattr(team, name, value)
    errors = {}
    collect(errors, team.full_clean)
    if team.region_id and not region_in_scope(actor, team.region_id) and actor is not None:
        errors["region"] = [_("Region: you can only choose a region within your own area.")]
    if team.organization_id and actor is not None and not region_in_scope(actor, team.organization.region_id):
        errors["organization"] = [_("Organisation: you can only choose one within your own area.")]
    if team.region_id and team.region.level == "city" and team.level != "city":
        errors.setdefault("level", []).append(_("Level: a team for the whole city is a city team."))
    if errors:
        raise ValidationError(errors)
    team.save()
    readiness_schedule([team.pk])
    return team


@transaction.atomic
def member_add(*, actor, team: Team, volunteer, role=MemberRole.MEMBER, joined_on=None) -> TeamMember:
    from volunteers import selectors as volunteer_selectors

    require_in_scope(actor, team.region_id, "team")
    team = Team.objects.select_for_update().get(pk=team.pk)
    errors = {}
    if volunteer.status not in volunteer_selectors.serving_statuses():
        errors["volunteer"] = [_("Volunteer: only a signed-up or registered volunteer joins a team.")]
    member = TeamMember(team=team, volunteer=volunteer, role=role, joined_on=joined_on or timezone.localdate())
    if not errors:
        collect(errors, member.full_clean)
    if errors:
        raise ValidationError(errors)
    member.save()
    readiness_schedule([team.pk])
    return member


@transaction.atomic
def member_leave(*, actor, member: TeamMember, left_on=None) -> TeamMember:
    member = TeamMember.objects.select_for_update().select_related("team").get(pk=member.pk)
    require_in_scope(actor, member.team.region_id, "team")
    if member.left_on is not None:
        return member
    member.left_on = left_on or timezone.localdate()
    _save(member)
    readiness_schedule([member.team_id])
    return member


EQUIPMENT_FIELDS = ("team", "kind", "serial", "quantity", "condition", "next_inspection_on")


@transaction.atomic
def equipment_save(*, actor, equipment=None, **fields) -> Equipment:
    _only(fields, EQUIPMENT_FIELDS)
    if equipment is not None:
        require_in_scope(actor, equipment.team.region_id, "team")
    equipment = equipment or Equipment()
    for name, value in fields.items():
        setattr(equipment, name, value)
    if equipment.team_id:
        require_in_scope(actor, equipment.team.region_id, "team")
    _save(equipment)
    readiness_schedule([equipment.team_id])
    return equipment


@transaction.atomic
def drill_record(*, actor, team: Team, held_on, scenario: str, hours, participants) -> Drill:
    """A drill; each participant's hours become a confirmed service record through the volunteers app."""
    from volunteers import services as volunteer_services

    require_in_scope(actor, team.region_id, "team")
    participants = list(participants)
    errors = {}
    if not participants:
        errors["participants"] = [_("Participants: name at least one member who took part.")]
    current = set(TeamMember.objects.filter(team=team, left_on__isnull=True).values_list("volunteer_id", flat=True))
    outsiders = [v.person.masked_name for v in participants if v.pk not in current]
    if outsiders:
        errors["participants"] = [_("Participants: not members of this team: %(names)s.")
                                  % {"names": "、".join(outsiders)}]
    if held_on and held_on > timezone.localdate():
        errors["held_on"] = [_("Date: a drill is recorded after it took place.")]
    drill = Drill(team=team, held_on=held_on, scenario=(scenario or "").strip(), hours=hours, recorded_by=actor)
    collect(errors, drill.full_clean)
    if errors:
        raise ValidationError(errors)
    drill.save()
    content = _("Drill of %(team)s: %(scenario)s") % {"team": team.name, "scenario": drill.scenario}
    for volunteer in participants:
        record = volunteer_services.service_record_create(volunteer=volunteer, actor=actor, hours=drill.hours,
                                                          served_on=held_on, content=content[:255])
        volunteer_services.service_record_confirm(record=record, actor=actor)
        DrillParticipant.objects.create(drill=drill, volunteer=volunteer, service_record=record)
    readiness_schedule([team.pk])
    return drill


# --- relief stock ---------------------------------------------------------------------------

WAREHOUSE_FIELDS = ("name", "organization", "region", "address", "is_active")


@transaction.atomic
def warehouse_save(*, actor, warehouse=None, **fields) -> Warehouse:
    _only(fields, WAREHOUSE_FIELDS)
    if warehouse is not None:
        require_in_scope(actor, warehouse.region_id)
    warehouse = warehouse or Warehouse()
    for name, value in fields.items():
        setattr(warehouse, name, value)
    _save(warehouse)
    require_in_scope(actor, warehouse.region_id)
    require_in_scope(actor, warehouse.organization.region_id, "organization")
    return warehouse


@transaction.atomic
def item_save(*, actor, item=None, **fields) -> Item:
    _only(fields, ("code", "name", "unit", "category", "is_active"))
    _require_city(actor, "code")
    item = item or Item()
    for name, value in fields.items():
        setattr(item, name, value)
    return _save(item)


@transaction.atomic
def minimum_set(*, actor, warehouse: Warehouse, item: Item, minimum) -> StockMinimum:
    require_in_scope(actor, warehouse.region_id, "warehouse")
    row = StockMinimum.objects.filter(warehouse=warehouse, item=item).first() or \
        StockMinimum(warehouse=warehouse, item=item)
    row.minimum = minimum
    return _save(row)


def _move(*, lot: StockLot, kind, quantity: Decimal, actor, reason="", **links) -> StockMovement:
    """Apply one movement to a locked lot; the database refuses a negative balance whatever happens."""
    balance = lot.quantity + quantity
    if balance < 0:
        raise ValidationError({"quantity": _("Quantity: more than the lot holds (%(have)s).")
                               % {"have": f"{lot.quantity.normalize():f}"}})
    StockLot.objects.filter(pk=lot.pk).update(quantity=F("quantity") + quantity)
    lot.quantity = balance
    return StockMovement.objects.create(lot=lot, kind=kind, quantity=quantity, balance_after=balance,
                                        reason=reason[:255], created_by=actor, **links)


@transaction.atomic
def stock_receive(*, actor, warehouse: Warehouse, item: Item, quantity, batch: str, received_on=None,
                  expires_on=None, donation=None, reason: str = "") -> StockLot:
    """Goods come in as a new lot; an in-kind gift keeps its link so the public trace shows where it went."""
    from donations import selectors as donation_selectors

    require_in_scope(actor, warehouse.region_id, "warehouse")
    quantity = _quantity(quantity)
    errors = {}
    if donation is not None and not donation_selectors.is_confirmed_goods(donation):
        errors["donation"] = [_("In-kind gift: choose a confirmed gift of goods.")]
    today = timezone.localdate()
    if expires_on is not None and expires_on < today:
        errors["expires_on"] = [_("Expires on: this batch has already expired.")]
    if not (batch or "").strip():
        errors["batch"] = [_("Batch: enter the batch number (or the gift's receipt number).")]
    if errors:
        raise ValidationError(errors)
    lot = StockLot(warehouse=warehouse, item=item, batch=batch.strip(), expires_on=expires_on,
                   received_on=received_on or today, donation=donation)
    _save(lot)
    _move(lot=lot, kind=MovementKind.IN, quantity=quantity, actor=actor, donation=donation,
          reason=reason or (_("In-kind gift %(receipt)s") % {"receipt": donation} if donation else ""))
    return lot


@transaction.atomic
def stock_issue(*, actor, warehouse: Warehouse, item: Item, quantity, reason: str = "", lot: StockLot | None = None,
                stock_request=None) -> list:
    """Issue stock, earliest expiry first, never from an expired lot, never below zero under concurrency.

    The lots are locked in a fixed order (expiry, id), so two issues of the same
    item wait for each other instead of both spending the same units.
    """
    require_in_scope(actor, warehouse.region_id, "warehouse")
    quantity = _quantity(quantity)
    today = timezone.localdate()
    lots = StockLot.objects.select_for_update().filter(warehouse=warehouse, item=item, quantity__gt=0)
    if lot is not None:
        lots = lots.filter(pk=lot.pk)
        if lot.expires_on is not None and lot.expires_on < today:
            raise ValidationError({"lot": _("Lot: expired on %(date)s and cannot be issued.")
                                   % {"date": lot.expires_on.isoformat()}})
    lots = list(lots.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
                .order_by(F("expires_on").asc(nulls_last=True), "id"))
    available = sum((x.quantity for x in lots), Decimal(0))
    if available < quantity:
        raise ValidationError({"quantity": _("Quantity: only %(have)s %(unit)s of %(item)s can be issued from this "
                                             "warehouse (expired lots excluded).")
                               % {"have": f"{available.normalize():f}", "unit": item.unit, "item": item.name}})
    movements, left = [], quantity
    for each in lots:
        if left <= 0:
            break
        take = min(left, each.quantity)
        movements.append(_move(lot=each, kind=MovementKind.OUT, quantity=-take, actor=actor, reason=reason,
                               stock_request=stock_request))
        left -= take
    return movements


@transaction.atomic
def stock_transfer(*, actor, lot: StockLot, to_warehouse: Warehouse, quantity, reason: str = "") -> StockLot:
    lot = StockLot.objects.select_for_update().select_related("warehouse").get(pk=lot.pk)
    require_in_scope(actor, lot.warehouse.region_id, "lot")
    require_in_scope(actor, to_warehouse.region_id, "to_warehouse")
    if to_warehouse.pk == lot.warehouse_id:
        raise ValidationError({"to_warehouse": _("To warehouse: another warehouse than the lot's own.")})
    quantity = _quantity(quantity)
    out = _move(lot=lot, kind=MovementKind.TRANSFER_OUT, quantity=-quantity, actor=actor, reason=reason)
    target = StockLot.objects.create(warehouse=to_warehouse, item_id=lot.item_id, batch=lot.batch,
                                     expires_on=lot.expires_on, received_on=timezone.localdate(),
                                     donation_id=lot.donation_id)
    target = StockLot.objects.select_for_update().get(pk=target.pk)
    _move(lot=target, kind=MovementKind.TRANSFER_IN, quantity=quantity, actor=actor, reason=reason,
          counterpart=out, donation_id=lot.donation_id)
    return target


@transaction.atomic
def stock_adjust(*, actor, lot: StockLot, quantity, reason: str) -> StockMovement:
    """A stocktake difference, signed; the reason is part of the ledger."""
    lot = StockLot.objects.select_for_update().select_related("warehouse").get(pk=lot.pk)
    require_in_scope(actor, lot.warehouse.region_id, "lot")
    try:
        change = Decimal(str(quantity)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"quantity": _("Quantity: enter a number.")}) from None
    if change == 0:
        raise ValidationError({"quantity": _("Quantity: not zero.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Reason: say why the stock is adjusted.")})
    return _move(lot=lot, kind=MovementKind.ADJUSTMENT, quantity=change, actor=actor, reason=reason.strip())


def reminder_due_days():
    from django.conf import settings

    return settings.REDCROSS.get("EMERGENCY_LOT_REMINDER_DAYS", (90, 30))


def stock_reminders(*, today=None) -> int:
    """Lots expiring within 90 and 30 days and items below their minimum; each reminder once."""
    from emergency import selectors

    today = today or timezone.localdate()
    sent = 0
    for days in sorted(reminder_due_days(), reverse=True):
        lots = (StockLot.objects.filter(quantity__gt=0, expires_on__gte=today,
                                        expires_on__lte=today + timedelta(days=days))
                .select_related("item", "warehouse"))
        for lot in lots:
            sent += notify_once(
                kind=f"emergency.lot_expiring_{days}", key=str(lot.pk), channel="portal",
                message=_("%(warehouse)s: %(item)s batch %(batch)s (%(quantity)s %(unit)s) expires on %(date)s.")
                % {"warehouse": lot.warehouse.name, "item": lot.item.name, "batch": lot.batch,
                   "quantity": f"{lot.quantity.normalize():f}", "unit": lot.item.unit,
                   "date": lot.expires_on.isoformat()})
    for row in selectors.below_minimum(StockMinimum.objects.all(), today=today):
        # Once per warehouse, item and month while the item stays below its minimum.
        sent += notify_once(
            kind="emergency.below_minimum", key=f"{row.pk}:{today:%Y-%m}", channel="portal",
            message=_("%(warehouse)s: %(item)s is below its minimum (%(have)s of %(minimum)s %(unit)s).")
            % {"warehouse": row.warehouse.name, "item": row.item.name, "have": f"{row.on_hand.normalize():f}",
               "minimum": f"{row.minimum.normalize():f}", "unit": row.item.unit})
    return sent


# --- plans ----------------------------------------------------------------------------------

PLAN_FIELDS = ("title", "hazard_class", "hazard", "region", "organization", "level", "version", "summary",
               "is_active")


@transaction.atomic
def plan_save(*, actor, plan=None, steps=None, **fields) -> Plan:
    """Create or change a plan; `steps` [{order, role, action, offset_minutes}] replaces its steps."""
    _only(fields, PLAN_FIELDS)
    if plan is not None:
        require_in_scope(actor, plan.region_id)
    plan = plan or Plan()
    for name, value in fields.items():
        setattr(plan, name, value)
    _save(plan)
    require_in_scope(actor, plan.region_id)
    if steps is not None:
        errors = []
        rows = []
        for index, step in enumerate(steps, start=1):
            if not (step.get("action") or "").strip() or not (step.get("role") or "").strip():
                errors.append(_("Step %(n)s: a role and an action.") % {"n": index})
                continue
            rows.append(PlanStep(plan=plan, order=step.get("order") or index, role=step["role"].strip(),
                                 action=step["action"].strip(), offset_minutes=int(step.get("offset_minutes") or 0)))
        if len({r.order for r in rows}) != len(rows):
            errors.append(_("Steps: each step has its own order number."))
        if errors:
            raise ValidationError({"steps": errors})
        plan.steps.all().delete()
        PlanStep.objects.bulk_create(rows)
    return plan


@transaction.atomic
def plan_new_version(*, actor, plan: Plan) -> Plan:
    require_in_scope(actor, plan.region_id)
    latest = Plan.objects.filter(region=plan.region, hazard=plan.hazard, level=plan.level).order_by("-version").first()
    copy = Plan.objects.create(title=plan.title, hazard_class=plan.hazard_class, hazard=plan.hazard,
                               region=plan.region, organization=plan.organization, level=plan.level,
                               version=latest.version + 1, summary=plan.summary)
    PlanStep.objects.bulk_create([PlanStep(plan=copy, order=s.order, role=s.role, action=s.action,
                                           offset_minutes=s.offset_minutes) for s in plan.steps.all()])
    Plan.objects.filter(pk=plan.pk).update(is_active=False)
    return copy


# --- alerts ---------------------------------------------------------------------------------

ALERT_FIELDS = ("source", "source_id", "hazard_class", "hazard", "colour", "title", "message", "valid_from",
                "valid_until")


def alert_post(*, actor, regions, **fields) -> tuple[Alert, bool]:
    """Store a partner agency's warning once per (source, source id); a retry answers the stored alert."""
    _only(fields, ALERT_FIELDS)
    existing = Alert.objects.filter(source=fields.get("source"), source_id=fields.get("source_id")).first()
    if existing is not None:
        return existing, False
    regions = list(regions)
    alert = Alert(posted_by=actor, area_prefixes=sorted({r.prefix for r in regions}), **fields)
    errors = {}
    if not regions:
        errors["regions"] = [_("Regions: name at least one affected region.")]
    collect(errors, alert.full_clean, validate_constraints=False)
    if alert.valid_from and alert.valid_until and alert.valid_until <= alert.valid_from:
        errors["valid_until"] = [_("Valid until: after the start of validity.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            alert.save()
            alert.regions.set(regions)
    except IntegrityError:
        # A concurrent retry stored it first.
        return Alert.objects.get(source=alert.source, source_id=alert.source_id), False
    from emergency.tasks import alert_notify_task

    transaction.on_commit(lambda: alert_notify_task.delay(alert_id=alert.pk))
    return alert, True


def _within(prefixes, lookup):
    condition = Q()
    for prefix in prefixes:
        condition |= Q(**{f"{lookup}__startswith": prefix})
    return condition


@transaction.atomic
def alert_notify(*, alert_id) -> int:
    """Notify the organisations and the team leaders in the affected regions, once each. Idempotent."""
    from organizations.choices import OrganizationKind
    from organizations.models import Organization

    alert = Alert.objects.get(pk=alert_id)
    prefixes = alert.area_prefixes
    societies = Organization.objects.filter(
        _within(prefixes, "region__code"), is_active=True,
        kind__in=[OrganizationKind.DISTRICT_SOCIETY, OrganizationKind.TOWN_ORGANIZATION])
    team_orgs = Organization.objects.filter(pk__in=Team.objects.filter(_within(prefixes, "region__code"),
                                                                       is_active=True).values("organization_id"))
    organizations = {o.pk: o for o in [*societies, *team_orgs]}
    text = _("%(colour)s alert from %(source)s: %(title)s (valid until %(until)s).") % {
        "colour": alert.get_colour_display(), "source": alert.source, "title": alert.title,
        "until": timezone.localtime(alert.valid_until).strftime("%Y-%m-%d %H:%M")}
    sent = 0
    for organization in organizations.values():
        AlertNotice.objects.get_or_create(alert=alert, organization=organization)
        sent += notify_once(kind="emergency.alert_org", key=f"{alert.pk}:{organization.pk}", message=text,
                            channel="portal")
    leaders = (TeamMember.objects.filter(_within(prefixes, "team__region__code"), left_on__isnull=True,
                                         role__in=[MemberRole.LEADER, MemberRole.DEPUTY], team__is_active=True)
               .select_related("volunteer__person"))
    for leader in leaders:
        person = leader.volunteer.person
        sent += notify_once(kind="emergency.alert", key=f"{alert.pk}:{person.pk}", person=person, message=text)
    return sent


@transaction.atomic
def alert_acknowledge(*, actor, notice: AlertNotice) -> AlertNotice:
    notice = AlertNotice.objects.select_for_update().select_related("organization").get(pk=notice.pk)
    require_in_scope(actor, notice.organization.region_id, "organization")
    if notice.acknowledged_at is None:
        notice.acknowledged_at, notice.acknowledged_by = timezone.now(), actor
        notice.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return notice


# --- incidents ------------------------------------------------------------------------------

INCIDENT_FIELDS = ("title", "hazard_class", "hazard", "level", "region", "organization", "plan", "alert", "fund",
                   "summary", "is_public", "status")


def _staff_organization(actor, region):
    from organizations.models import Organization

    profile = getattr(actor, "staff_profile", None)
    if profile is not None:
        return profile.organization
    return Organization.objects.filter(region=region, is_active=True).order_by("kind", "pk").first()


@transaction.atomic
def incident_open(*, actor, regions=(), create_fund=False, **fields) -> Incident:
    """Open an incident; from a plan, its steps become the checklist with due times from now."""
    _only(fields, INCIDENT_FIELDS)
    region = fields.get("region")
    if region is None:
        raise ValidationError({"region": _("Region: choose the main affected region.")})
    require_in_scope(actor, region.code)
    plan = fields.get("plan")
    if plan is not None:
        for name in ("hazard_class", "hazard", "level"):
            fields.setdefault(name, getattr(plan, name))
    fields.setdefault("organization", _staff_organization(actor, region))
    fields.setdefault("status", IncidentStatus.RESPONDING if plan is not None else IncidentStatus.MONITORING)
    now = timezone.now()
    incident = Incident(opened_at=now, created_by=actor, **fields)
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError({"status": _("Status: an incident opens before it closes.")})
    _save(incident)
    incident.regions.set(list(regions) or [region])
    if plan is not None:
        IncidentTask.objects.bulk_create([
            IncidentTask(incident=incident, order=step.order, role=step.role, action=step.action,
                         due_at=now + timedelta(minutes=step.offset_minutes))
            for step in plan.steps.all()])
    if create_fund and incident.fund_id is None:
        from donations import selectors as donation_selectors
        from donations import services as donation_services

        fund = donation_services.fund_create(
            actor=actor, code=f"EM{now:%Y%m%d}-{incident.pk}", name=_("%(title)s emergency fund")
            % {"title": incident.title}, kind=donation_selectors.EMERGENCY_FUND_KIND,
            purpose=incident.summary or incident.title,
            organization=incident.organization, starts_on=timezone.localdate())
        incident.fund = fund
        incident.save(update_fields=["fund"])
    return incident


@transaction.atomic
def incident_advance(*, actor, incident: Incident, status, review_lessons: str = "",
                     review_actions: str = "") -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    require_in_scope(actor, incident.region_id)
    _check_transition(IncidentStatus, INCIDENT_NEXT, incident.status, status)
    if status == IncidentStatus.CLOSED:
        errors = {}
        if not (review_lessons or "").strip():
            errors["review_lessons"] = [_("Lessons learned: the after-action review comes with the closing.")]
        if incident.deployments.filter(status__in=[DeploymentStatus.APPROVED, DeploymentStatus.ON_SITE]).exists():
            errors["status"] = [_("Status: teams are still deployed; record their return first.")]
        if errors:
            raise ValidationError(errors)
        incident.review_lessons, incident.review_actions = review_lessons.strip(), (review_actions or "").strip()
        incident.closed_at = timezone.now()
    incident.status = status
    incident.save(update_fields=["status", "review_lessons", "review_actions", "closed_at"])
    return incident


def _open_incident(incident, field="incident"):
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError({field: _("Incident: already closed.")})


@transaction.atomic
def task_done(*, actor, task: IncidentTask) -> IncidentTask:
    task = IncidentTask.objects.select_for_update().select_related("incident").get(pk=task.pk)
    require_in_scope(actor, task.incident.region_id)
    if task.done_at is None:
        task.done_at, task.done_by = timezone.now(), actor
        task.save(update_fields=["done_at", "done_by"])
    return task


SITREP_FIELDS = ("affected", "injured", "dead", "displaced", "needs", "actions", "reported_at")


@transaction.atomic
def sitrep_file(*, actor, incident: Incident, **fields) -> SituationReport:
    _only(fields, SITREP_FIELDS)
    require_in_scope(actor, incident.region_id, "incident")
    _open_incident(incident)
    fields.setdefault("reported_at", timezone.now())
    return _save(SituationReport(incident=incident, reported_by=actor, **fields))


def _deployable_problems(volunteers, today):
    from volunteers import selectors as volunteer_selectors

    covered = volunteer_selectors.insured_volunteer_ids(volunteers, on=today)
    minors, uninsured = [], []
    for volunteer in volunteers:
        age = volunteer.person.age
        if age is not None and age < 18:
            minors.append(volunteer.person.masked_name)
        if volunteer.pk not in covered:
            uninsured.append(volunteer.person.masked_name)
    problems = []
    if minors:
        problems.append(_("Volunteers: minors are not deployed to disaster rescue: %(names)s.")
                        % {"names": "、".join(minors)})
    if uninsured:
        problems.append(_("Volunteers: no valid accident insurance: %(names)s.") % {"names": "、".join(uninsured)})
    return problems


@transaction.atomic
def deployment_request(*, actor, incident: Incident, team: Team, volunteers=None, task: str = "") -> Deployment:
    """Ask for a team (all its current members, or the ones named); no minors and no uninsured volunteers."""
    require_in_scope(actor, incident.region_id, "incident")
    _open_incident(incident)
    errors = {}
    if not team.is_active:
        errors["team"] = [_("Team: this team is no longer active.")]
    elif team.readiness == Readiness.RED:
        errors["team"] = [_("Team: not ready (%(reasons)s).") % {"reasons": " ".join(team.reason_texts)}]
    if Deployment.objects.filter(team=team, status__in=[DeploymentStatus.REQUESTED, DeploymentStatus.APPROVED,
                                                        DeploymentStatus.ON_SITE]).exists():
        errors.setdefault("team", []).append(_("Team: already requested or deployed."))
    members = {m.volunteer_id: m.volunteer for m in TeamMember.objects.filter(team=team, left_on__isnull=True)
               .select_related("volunteer__person")}
    chosen = [members.get(v.pk, v) for v in volunteers] if volunteers else list(members.values())
    strangers = [v.person.masked_name for v in chosen if v.pk not in members]
    if strangers:
        errors["volunteers"] = [_("Volunteers: not members of the team: %(names)s.") % {"names": "、".join(strangers)}]
    elif not chosen:
        errors["volunteers"] = [_("Volunteers: the team has no current members.")]
    else:
        problems = _deployable_problems(chosen, timezone.localdate())
        if problems:
            errors["volunteers"] = problems
    if errors:
        raise ValidationError(errors)
    deployment = Deployment.objects.create(incident=incident, team=team, task=(task or "").strip()[:255],
                                           requested_by=actor)
    deployment.volunteers.set(chosen)
    return deployment


@transaction.atomic
def deployment_advance(*, actor, deployment: Deployment, status) -> Deployment:
    deployment = Deployment.objects.select_for_update().select_related("incident", "team").get(pk=deployment.pk)
    require_in_scope(actor, deployment.incident.region_id, "incident")
    _check_transition(DeploymentStatus, DEPLOYMENT_NEXT, deployment.status, status)
    now = timezone.now()
    if status in (DeploymentStatus.APPROVED, DeploymentStatus.ON_SITE):
        problems = _deployable_problems(list(deployment.volunteers.select_related("person")), timezone.localdate())
        if problems:
            raise ValidationError({"volunteers": problems})
    stamp = {DeploymentStatus.APPROVED: "approved_at", DeploymentStatus.ON_SITE: "on_site_at",
             DeploymentStatus.RETURNED: "returned_at"}.get(status)
    deployment.status = status
    fields = ["status"]
    if stamp:
        setattr(deployment, stamp, now)
        fields.append(stamp)
    deployment.save(update_fields=fields)
    standby = {DeploymentStatus.ON_SITE: Standby.DEPLOYED, DeploymentStatus.RETURNED: Standby.STANDBY}.get(status)
    if standby:
        Team.objects.filter(pk=deployment.team_id).update(standby=standby)
    return deployment


@transaction.atomic
def stock_request_create(*, actor, incident: Incident, item: Item, quantity, destination: str = "",
                         warehouse=None) -> StockRequest:
    require_in_scope(actor, incident.region_id, "incident")
    _open_incident(incident)
    return _save(StockRequest(incident=incident, item=item, quantity=_quantity(quantity), warehouse=warehouse,
                              destination=(destination or "").strip(), requested_by=actor))


@transaction.atomic
def stock_request_dispatch(*, actor, stock_request: StockRequest, warehouse: Warehouse | None = None) -> StockRequest:
    stock_request = StockRequest.objects.select_for_update().select_related("incident", "item").get(
        pk=stock_request.pk)
    require_in_scope(actor, stock_request.incident.region_id, "incident")
    if stock_request.status != StockRequestStatus.REQUESTED:
        raise ValidationError({"status": _("Status: this request was already dispatched or cancelled.")})
    warehouse = warehouse or stock_request.warehouse
    if warehouse is None:
        raise ValidationError({"warehouse": _("Warehouse: choose the warehouse to dispatch from.")})
    stock_issue(actor=actor, warehouse=warehouse, item=stock_request.item, quantity=stock_request.quantity,
                reason=_("Dispatched to %(incident)s") % {"incident": stock_request.incident.title},
                stock_request=stock_request)
    stock_request.status, stock_request.warehouse = StockRequestStatus.DISPATCHED, warehouse
    stock_request.dispatched_at = timezone.now()
    stock_request.save(update_fields=["status", "warehouse", "dispatched_at"])
    return stock_request


# --- mutual aid -----------------------------------------------------------------------------

@transaction.atomic
def aid_request(*, actor, requester, responder, kind, request: str, incident=None) -> MutualAid:
    from organizations.choices import OrganizationKind

    require_in_scope(actor, requester.region_id, "requester")
    errors = {}
    societies = (OrganizationKind.CITY_SOCIETY, OrganizationKind.DISTRICT_SOCIETY, OrganizationKind.PARTNER_SOCIETY)
    if responder.kind not in societies:
        errors["responder"] = [_("Asked society: a district society, the city society or a 成德眉资 partner "
                                 "society.")]
    aid = MutualAid(requester=requester, responder=responder, kind=kind, request=(request or "").strip(),
                    incident=incident, requested_by=actor,
                    party_codes=sorted({requester.region_id, responder.region_id}))
    collect(errors, aid.full_clean)
    if errors:
        raise ValidationError(errors)
    aid.save()
    notify_once(kind="emergency.mutual_aid", key=str(aid.pk), channel="portal",
                message=_("%(requester)s asks %(responder)s for help: %(request)s")
                % {"requester": requester.name, "responder": responder.name, "request": aid.request[:200]})
    return aid


AID_TEXT_FIELD = {AidStatus.OFFERED: "offer", AidStatus.DECLINED: "answer", AidStatus.ACCEPTED: "answer",
                  AidStatus.SENT: "sent", AidStatus.RETURNED: "returned"}


@transaction.atomic
def aid_advance(*, actor, aid: MutualAid, status, text: str = "") -> MutualAid:
    """Offer or decline (the asked society), accept (the requester), record what was sent and what came back."""
    aid = MutualAid.objects.select_for_update().select_related("requester", "responder").get(pk=aid.pk)
    _check_transition(AidStatus, AID_NEXT, aid.status, status)
    side = aid.requester if status in (AidStatus.ACCEPTED, AidStatus.RETURNED) else aid.responder
    if actor is not None and not region_in_scope(actor, side.region_id) and user_scope_prefix(actor) != ALL:
        raise ValidationError({"status": _("Status: only %(society)s answers this step.") % {"society": side.name}})
    field = AID_TEXT_FIELD[status]
    if not (text or "").strip() and status != AidStatus.ACCEPTED:
        raise ValidationError({"text": _("Text: say what is offered, answered, sent or returned.")})
    setattr(aid, field, (text or "").strip() or getattr(aid, field))
    aid.status = status
    aid.save(update_fields=["status", field, "updated_at"])
    return aid
