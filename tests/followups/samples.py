"""锦江 samples for the follow-up visits app, discovered by the platform walks (tests/platform/)."""

import itertools
from datetime import date, timedelta

from django.utils import timezone

from donations import services as donation_services
from followups import services
from followups.models import Bulletin, Issue, PlanItem, Visit, VisitPlan, VisitTarget
from tests.volunteers.samples import volunteer as volunteer_sample

_codes = itertools.count(1)
_people = itertools.count(400)


def credit_code(n: int) -> str:
    """A valid GB 32100 unified social credit code, different for each n."""
    from people.identifiers import credit_check_character

    body = f"91510104MA{n:07d}"[:17]
    return body + credit_check_character(body)


def volunteer(personas, n=None):
    return volunteer_sample(personas, n=n or next(_people))


def enterprise(personas, name=None, actor="jinjiang"):
    n = next(_codes)
    return donation_services.donor_create(actor=personas[actor], kind="organization", name=name or f"锦江爱心企业{n}",
                                          credit_code=credit_code(n + (5000 if actor == "qingyang" else 0)),
                                          is_caring_enterprise=True)


def target(personas, year=None, kind="volunteer", rate="50", eligibility="serving", org="jinjiang"):
    year = year or timezone.localdate().year
    existing = VisitTarget.objects.filter(year=year, organization=personas["orgs"][org], party_kind=kind).first()
    if existing:
        return existing
    return services.target_save(actor=personas["city_admin"], year=year, organization=personas["orgs"][org],
                                party_kind=kind, rate=rate, eligibility=eligibility, within_years=3)


def plan(personas, year=None, period="year"):
    year = year or timezone.localdate().year
    existing = VisitPlan.objects.filter(organization=personas["orgs"]["jinjiang"], year=year, period=period).first()
    return existing or services.plan_create(actor=personas["jinjiang"], year=year, period=period,
                                            visitors=[personas["jinjiang"]])


def plan_item(personas):
    return services.plan_item_add(plan=plan(personas), actor=personas["jinjiang"], party_kind="volunteer",
                                  party_id=volunteer(personas).pk)


def visit(personas, party=None, kind="caring_enterprise", on=None, issues=(), **extra):
    party = party or (enterprise(personas) if kind in ("caring_enterprise",) else volunteer(personas))
    fields = {"method": "on_site", "visited_on": on or timezone.localdate(), "difficulties": ["enterprise"],
              "difficulties_text": "原材料涨价，资金周转困难", "suggestions": "希望多组织企业志愿服务",
              "satisfaction": 5, **extra}
    return services.visit_record(actor=personas["jinjiang"], party_kind=kind, party_id=party.pk,
                                 visitors=[personas["jinjiang"]], notes="负责人身体欠佳", issues=issues, **fields)


def issue(personas, **extra):
    return services.issue_raise(actor=personas["jinjiang"], visit=visit(personas), category="enterprise",
                                title="融资渠道不畅", description="希望协调银行贷款", department="区经信局",
                                due_on=timezone.localdate() + timedelta(days=20), **extra)


def bulletin(personas, publish=False, actor="jinjiang"):
    today = timezone.localdate()
    made = services.bulletin_draft(actor=personas[actor], period_start=today.replace(day=1), period_end=today)
    if publish:
        services.bulletin_submit(bulletin=made, actor=personas[actor])
        made = services.bulletin_publish(bulletin=made, actor=personas[actor])
    return made


def many(personas, count=8):
    """More than a page of five of every followups list."""
    year = timezone.localdate().year
    kinds = ["volunteer", "caring_enterprise", "caring_individual", "member_unit"]
    for n in range(count):
        target(personas, year=year - n // len(kinds), kind=kinds[n % len(kinds)],
               eligibility="all" if kinds[n % len(kinds)] != "member_unit" else "active", rate="50")
        services.plan_create(actor=personas["jinjiang"], year=2015 + n, period="year")
        issue(personas)
        bulletin(personas, publish=n % 2 == 0)
    p = plan(personas)
    for _n in range(count):
        services.plan_item_add(plan=p, actor=personas["jinjiang"], party_kind="volunteer",
                               party_id=volunteer(personas).pk)


SAMPLES = {
    VisitTarget: target,
    VisitPlan: plan,
    PlanItem: plan_item,
    Visit: visit,
    Issue: issue,
    Bulletin: bulletin,
}

__all__ = ["SAMPLES", "many", "date"]
