"""Demo data for `make run` (called by the bootstrap command): idempotent, deterministic.

The city's targets for this year (50 % volunteers, 60 % caring enterprises), five caring enterprises in each
of five central districts, plans for 锦江 and 青羊, visits that put some districts above target and others
below, the problems raised at various stages (the overdue ones escalated), and published bulletins of 锦江
and of the city that takes it in.
"""

import hashlib
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from followups import services
from followups.models import Issue, VisitTarget

# district code, district society user (or the city admin), share of enterprises and volunteers visited
DISTRICTS = [
    ("510104", "jinjiang_staff", 0.8, 0.7),  # above both targets
    ("510105", "qingyang_staff", 0.2, 0.2),  # below both
    ("510106", "city_admin", 0.6, 0.5),  # exactly on target
    ("510107", "city_admin", 0.4, 0.3),
    ("510108", "city_admin", 0.0, 0.6),
]
TRADES = ["制药", "物流", "餐饮", "建材", "科技"]
DIFFICULTIES = [
    ("enterprise", "原材料价格上涨，流动资金紧张", "企业融资渠道不畅", "区金融工作局"),
    ("employment", "技术工人招聘困难", "技术工人招聘难", "区人力资源和社会保障局"),
    ("family", "家中老人长期患病，照护压力大", "家庭照护压力大", "街道社区卫生服务中心"),
    ("other", "", "", ""),
]
STAGES = ["resolved", "in_progress", "assigned", "open", "resolved", "unresolvable"]


def _share(key: str) -> float:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") / 2**32


def _credit_code(n: int) -> str:
    from people.identifiers import credit_check_character

    body = f"915101{n:02d}MA6F{n * 37 % 10000:04d}"[:17].ljust(17, "1")
    return body + credit_check_character(body)


def load_demo() -> str:
    from donations import selectors as donation_selectors
    from donations import services as donation_services
    from organizations.models import Organization
    from volunteers import selectors as volunteer_selectors

    today = timezone.localdate()
    year = today.year
    if VisitTarget.objects.filter(year=year, region_id="510100000000").exists():
        return "demo: follow-up visits already loaded"
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["city_admin", "jinjiang_staff", "qingyang_staff"])}
    admin = users.get("city_admin")
    city = Organization.objects.filter(kind="city_society", region_id="510100000000", is_active=True).first()
    if admin is None or city is None:
        return "demo: follow-up visits skipped (no city society)"
    services.target_save(actor=admin, year=year, organization=city, party_kind="volunteer", rate=Decimal("50"),
                         eligibility="serving", within_years=3)
    services.target_save(actor=admin, year=year, organization=city, party_kind="caring_enterprise",
                         rate=Decimal("60"), eligibility="all", within_years=3)
    visits = issues = 0
    start = today.replace(month=1, day=1)
    span = max((today - start).days, 1)
    for index, (prefix, username, firm_share, volunteer_share) in enumerate(DISTRICTS):
        society = Organization.objects.filter(kind="district_society", region_id=f"{prefix}000000").first()
        if society is None:
            continue
        actor = users.get(username, admin)
        district_name = society.region.name
        firms = []
        for n, trade in enumerate(TRADES):
            code = _credit_code(index * 10 + n + 11)
            firm = donation_selectors.donor_by_credit_code(code) or donation_services.donor_create(
                actor=None, kind="organization", name=f"{district_name.removesuffix('区')}爱心{trade}有限公司",
                organization=society, credit_code=code, is_caring_enterprise=True, publish_name=True)
            firms.append(firm)
        if prefix in ("510104", "510105"):
            plan = services.plan_create(actor=actor, year=year, organization=society, visitors=[actor])
            services.plan_generate(plan=plan, actor=actor)
        serving = list(volunteer_selectors.volunteers_serving_in(prefix))
        chosen = [("caring_enterprise", f) for f in firms[:round(firm_share * len(firms))]]
        chosen += [("volunteer", v) for v in serving[:round(volunteer_share * len(serving))]]
        for n, (kind, party) in enumerate(chosen):
            category, heard, problem, department = DIFFICULTIES[n % len(DIFFICULTIES)]
            if kind == "volunteer" and category == "enterprise":
                category, heard, problem, department = DIFFICULTIES[2]
            day = start + timedelta(days=int(_share(f"{prefix}{n}") * span))
            raised = []
            if problem and n % 2 == 0:
                raised = [{"category": category, "title": problem, "department": "",
                           "due_on": day + timedelta(days=30)}]
            visit = services.visit_record(
                actor=actor, organization=society, party_kind=kind, party_id=party.pk, visitors=[actor],
                method=["on_site", "phone", "forum", "online"][n % 4], visited_on=day,
                difficulties=[category] if heard else [], difficulties_text=heard,
                suggestions="希望多组织应急救护培训进企业、进社区" if n % 3 == 0 else "",
                satisfaction=5 - n % 2, is_typical=n == 0, notes="")
            visits += 1
            for row in raised:
                issue = services.issue_raise(actor=actor, visit=visit, **row)
                stage = STAGES[issues % len(STAGES)]
                if stage != "open":
                    issue = services.issue_refer(issue=issue, actor=actor, department=department)
                if stage in ("in_progress", "resolved"):
                    issue = services.issue_progress(issue=issue, actor=actor, note="已与相关部门对接")
                if stage == "resolved":
                    services.issue_finish(issue=issue, actor=actor, status="resolved", resolution="协调解决到位",
                                          feedback="办理及时，非常满意", feedback_satisfaction=5)
                elif stage == "unresolvable":
                    services.issue_finish(issue=issue, actor=actor, status="unresolvable",
                                          resolution="超出红十字会职责范围，已向对方说明并提供政策咨询渠道")
                issues += 1
    # Problems raised early in the year and still open are past their due date: the worker escalates them
    # to the city society (one more is made overdue, so there is one even early in the year).
    overdue = Issue.objects.filter(status="open").order_by("-pk").first()
    if overdue is not None:
        Issue.objects.filter(pk=overdue.pk).update(due_on=today - timedelta(days=5))
    services.issues_escalate()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    period = (start, today) if last_month_end < start else (start, last_month_end)
    jinjiang_user = users.get("jinjiang_staff")
    jinjiang = Organization.objects.filter(kind="district_society", region_id="510104000000").first()
    if jinjiang_user is not None and jinjiang is not None:
        for organization, actor in ((jinjiang, jinjiang_user), (city, admin)):
            bulletin = services.bulletin_draft(actor=actor, organization=organization, period_start=period[0],
                                               period_end=period[1])
            services.bulletin_submit(bulletin=bulletin, actor=actor)
            services.bulletin_publish(bulletin=bulletin, actor=actor)
    services.rates_recompute(year=year)
    return f"demo: {visits} follow-up visits, {issues} issues raised, targets and bulletins"
