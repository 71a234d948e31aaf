"""Readiness of response teams, computed from the records (never typed): members, certificates,
insurance, equipment and drills against the team type's standard.

`compute(teams, today)` answers {team id: (colour, reasons)} for many teams in a
fixed number of queries; the worker stores the answer on each team
(`services.readiness_recompute`), and the matrix reads the stored colours.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Max

from emergency.choices import Condition, Readiness

RANK = {Readiness.GREEN: 0, Readiness.AMBER: 1, Readiness.RED: 2}


def _reason(code, severity, **params):
    return {"code": code, "severity": str(severity), "params": params}


def assess(*, standard, members, certified, insured, equipment, last_drill, today):
    """The rule for one team: the worst severity among the reasons; green without any."""
    if standard is None:
        return Readiness.RED, [_reason("no_standard", Readiness.RED)]
    reasons = []
    need = standard.min_members
    if members < need:
        reasons.append(_reason("members_short", Readiness.RED if members < (need + 1) // 2 else Readiness.AMBER,
                               have=members, need=need))
    if standard.required_course_kinds and certified < need:
        reasons.append(_reason("certificates_short",
                               Readiness.RED if certified < (need + 1) // 2 else Readiness.AMBER,
                               have=certified, need=need))
    uninsured = members - insured
    if uninsured > 0:
        reasons.append(_reason("uninsured", Readiness.RED if insured < (need + 1) // 2 else Readiness.AMBER,
                               count=uninsured))
    kinds = {kind for kind, condition, _due in equipment if condition != Condition.UNUSABLE}
    missing = [k for k in standard.kit if k not in kinds]
    if missing:
        reasons.append(_reason("kit_missing", Readiness.RED, kinds="、".join(missing)))
    unusable = sorted({k for k, condition, _due in equipment if condition == Condition.UNUSABLE} - kinds)
    if unusable:
        reasons.append(_reason("kit_unusable", Readiness.AMBER, kinds="、".join(unusable)))
    overdue = sorted({k for k, condition, due in equipment if due < today and condition != Condition.UNUSABLE})
    if overdue:
        reasons.append(_reason("inspection_overdue", Readiness.AMBER, kinds="、".join(overdue)))
    interval = standard.drill_interval_days
    if last_drill is None:
        reasons.append(_reason("no_drill", Readiness.RED))
    elif last_drill < today - timedelta(days=interval):
        severity = Readiness.RED if last_drill < today - timedelta(days=2 * interval) else Readiness.AMBER
        reasons.append(_reason("drill_overdue", severity, date=last_drill.isoformat(), days=interval))
    colour = max((r["severity"] for r in reasons), key=lambda s: RANK[s], default=Readiness.GREEN)
    return Readiness(colour), reasons


def compute(teams, today):
    """{team id: (colour, reasons)} for `teams` (a queryset), in six queries whatever their number."""
    from emergency.models import Drill, Equipment, TeamMember, TeamStandard
    from training import selectors as training_selectors
    from volunteers import selectors as volunteer_selectors

    chosen = teams.values("id")
    teams = list(teams.values_list("id", "team_type"))
    ids = [pk for pk, _type in teams]
    standards = {s.team_type: s for s in TeamStandard.objects.all()}
    all_kinds = sorted({k for s in standards.values() for k in s.required_course_kinds})

    current = TeamMember.objects.filter(team_id__in=chosen, left_on__isnull=True, joined_on__lte=today,
                                        volunteer__status__in=volunteer_selectors.serving_statuses())
    members = list(current.values_list("team_id", "volunteer_id", "volunteer__person_id"))
    held = defaultdict(set)
    if all_kinds and members:
        # Subqueries, not lists of ids: the planner joins once however many members the city has.
        for person_id, kind in training_selectors.certificate_kinds_held(current.values("volunteer__person_id"),
                                                                         all_kinds, on=today):
            held[person_id].add(kind)
    insured = volunteer_selectors.insured_volunteer_ids(current.values("volunteer_id"), on=today) if members else set()
    equipment = defaultdict(list)
    for team_id, kind, condition, due in Equipment.objects.filter(team_id__in=chosen).values_list(
            "team_id", "kind", "condition", "next_inspection_on"):
        equipment[team_id].append((kind, condition, due))
    drills = dict(Drill.objects.filter(team_id__in=chosen, held_on__lte=today).values("team_id")
                  .annotate(last=Max("held_on")).values_list("team_id", "last"))

    by_team = defaultdict(list)
    for team_id, volunteer_id, person_id in members:
        by_team[team_id].append((volunteer_id, person_id))
    types = dict(teams)
    answer = {}
    for team_id in ids:
        standard = standards.get(types[team_id])
        rows = by_team.get(team_id, [])
        required = set(standard.required_course_kinds) if standard else set()
        answer[team_id] = assess(
            standard=standard, members=len(rows),
            certified=sum(1 for _v, p in rows if required <= held.get(p, set())),
            insured=sum(1 for v, _p in rows if v in insured),
            equipment=equipment.get(team_id, []), last_drill=drills.get(team_id), today=today)
    return answer
