"""Follow-up visits: rates at their boundaries, plans from the rules, issues to resolution, bulletins."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from followups import selectors, services
from followups.models import Bulletin, Issue, PlanItem, Visit, VisitRate
from people import crypto
from redcross import targets
from tests.followups import samples

pytestmark = pytest.mark.django_db

JINJIANG = "510104000000"
QINGYANG = "510105000000"


def today():
    return timezone.localdate()


# --- rates -------------------------------------------------------------------------------------------

def test_a_body_visited_twice_counts_once(personas):
    firm, other = samples.enterprise(personas), samples.enterprise(personas)
    samples.visit(personas, party=firm, on=today() - timedelta(days=3))
    samples.visit(personas, party=firm, on=today())
    figures = selectors.rate_figures("caring_enterprise", on=today())
    assert figures[JINJIANG] == (1, 2)
    assert other.pk  # eligible, not visited


def test_eligibility_is_taken_at_the_date(personas):
    from volunteers.models import Volunteer

    early, late = samples.volunteer(personas), samples.volunteer(personas)
    day = today() - timedelta(days=10)
    Volunteer.objects.filter(pk=early.pk).update(decided_at=timezone.now() - timedelta(days=30))
    Volunteer.objects.filter(pk=late.pk).update(decided_at=timezone.now() - timedelta(days=2))
    samples.visit(personas, party=late, kind="volunteer", on=today() - timedelta(days=1))
    assert selectors.rate_figures("volunteer", on=day)[JINJIANG] == (0, 1)  # the late one was not yet serving
    assert selectors.rate_figures("volunteer", on=today())[JINJIANG] == (1, 2)


def test_a_visit_last_year_does_not_count_this_year(personas):
    from donations.models import Donor

    firm = samples.enterprise(personas)
    Donor.objects.filter(pk=firm.pk).update(created_at=timezone.now() - timedelta(days=400))
    samples.visit(personas, party=firm, on=date(today().year - 1, 12, 31))
    assert selectors.rate_figures("caring_enterprise", on=today())[JINJIANG] == (0, 1)
    assert selectors.rate_figures("caring_enterprise", on=date(today().year - 1, 12, 31))[JINJIANG] == (1, 1)


def test_a_district_target_rule_replaces_the_city_default(personas):
    from volunteers import services as volunteer_services

    plain, commended = samples.volunteer(personas), samples.volunteer(personas)
    volunteer_services.commendation_add(volunteer=commended, actor=personas["jinjiang"], title="优秀志愿者",
                                        awarded_by="锦江区红十字会", awarded_on=today() - timedelta(days=100))
    assert selectors.rate_figures("volunteer", on=today())[JINJIANG] == (0, 2)
    samples.target(personas, kind="volunteer", eligibility="commended", rate="80")
    assert selectors.rate_figures("volunteer", on=today())[JINJIANG] == (0, 1)
    assert plain.pk != commended.pk


def test_a_rule_that_does_not_fit_the_kind_is_refused(personas):
    with pytest.raises(ValidationError) as error:
        samples.target(personas, kind="caring_enterprise", eligibility="registered")
    assert "eligibility" in error.value.message_dict


def test_the_rate_is_recomputed_after_each_visit(personas, django_capture_on_commit_callbacks):
    samples.enterprise(personas)
    firm = samples.enterprise(personas)
    services.rates_recompute(year=today().year)
    before = VisitRate.objects.get(region_id=JINJIANG, year=today().year, party_kind="caring_enterprise")
    assert (before.visited, before.eligible, float(before.target_rate)) == (0, 2, 60.0)
    with django_capture_on_commit_callbacks(execute=True):
        samples.visit(personas, party=firm)  # the task runs (eagerly) once the visit commits
    after = VisitRate.objects.get(pk=before.pk)
    assert (after.visited, after.rate) == (1, 50.0)


def test_the_plan_targets_are_registered_and_compute(personas):
    samples.visit(personas)
    codes = {t.code for t in targets.all_targets()}
    assert {"followups.volunteer_visit_rate", "followups.enterprise_visit_rate",
            "followups.bulletins_published"} <= codes
    assert targets.get("followups.enterprise_visit_rate").compute(on=today())[JINJIANG] == (1, 1)
    samples.bulletin(personas, publish=True)
    assert targets.get("followups.bulletins_published").compute(on=today())[JINJIANG] == (1, 1)


# --- plans ---------------------------------------------------------------------------------------------

def test_the_plan_lists_who_is_due_and_a_visit_ticks_them_off(personas):
    firms = [samples.enterprise(personas) for _ in range(3)]
    volunteer = samples.volunteer(personas)
    samples.visit(personas, party=firms[0])
    samples.enterprise(personas, actor="qingyang")
    plan = samples.plan(personas)
    added = services.plan_generate(plan=plan, actor=personas["jinjiang"])
    keys = set(plan.items.values_list("party_key", flat=True))
    assert added == 3 and keys == {f"donor:{firms[1].pk}", f"donor:{firms[2].pk}", f"volunteer:{volunteer.pk}"}
    assert services.plan_generate(plan=plan, actor=personas["jinjiang"]) == 0  # idempotent
    assert all(item.visitor_id == personas["jinjiang"].pk for item in plan.items.all())
    visit = samples.visit(personas, party=firms[1])
    assert PlanItem.objects.get(plan=plan, donor=firms[1]).visit == visit


def test_a_hand_added_party_outside_the_area_is_refused(personas):
    plan = samples.plan(personas)
    outsider = samples.enterprise(personas, actor="qingyang")
    with pytest.raises(ValidationError) as error:
        services.plan_item_add(plan=plan, actor=personas["jinjiang"], party_kind="caring_enterprise",
                               party_id=outsider.pk)
    assert "party_id" in error.value.message_dict


# --- visits ----------------------------------------------------------------------------------------------

def test_visit_notes_are_encrypted_and_reading_them_is_logged(personas):
    from people.models import PersonalDataAccess

    volunteer = samples.volunteer(personas)
    visit = samples.visit(personas, party=volunteer, kind="volunteer")
    raw = Visit.objects.values_list("notes_encrypted", flat=True).get(pk=visit.pk)
    assert "负责人" not in raw and crypto.decrypt(raw) == "负责人身体欠佳"
    assert services.visit_notes(visit=visit, actor=personas["jinjiang"], reason="跟进困难") == "负责人身体欠佳"
    assert PersonalDataAccess.objects.filter(fields="followups.visit.notes", person=volunteer.person).count() == 1


def test_a_visit_in_the_future_or_of_the_wrong_kind_is_refused(personas):
    firm = samples.enterprise(personas)
    with pytest.raises(ValidationError) as error:
        samples.visit(personas, party=firm, on=today() + timedelta(days=1))
    assert "visited_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.visit_record(actor=personas["jinjiang"], party_kind="volunteer", party_id=firm.pk + 10 ** 6,
                              method="phone", visited_on=today())
    assert "party_id" in error.value.message_dict
    assert not Visit.objects.exists()


# --- issues -----------------------------------------------------------------------------------------------

def test_an_issue_goes_from_referral_to_resolution_with_feedback(personas):
    visit = samples.visit(personas, issues=[{"category": "enterprise", "title": "融资难", "due_on": today()}])
    issue = visit.issues.get()
    assert issue.status == "open"
    issue = services.issue_refer(issue=issue, actor=personas["jinjiang"], department="区金融工作局")
    issue = services.issue_progress(issue=issue, actor=personas["jinjiang"], note="已对接银行")
    issue = services.issue_finish(issue=issue, actor=personas["jinjiang"], status="resolved",
                                  resolution="获得贷款50万元", feedback="非常感谢", feedback_satisfaction=5)
    assert issue.status == "resolved" and issue.closed_at and issue.feedback == "非常感谢"
    assert list(issue.activities.values_list("action", flat=True)) == ["opened", "referred", "in_progress",
                                                                        "resolved", "feedback"]
    with pytest.raises(ValidationError) as error:
        services.issue_progress(issue=issue, actor=personas["jinjiang"])
    assert "status" in error.value.message_dict


def test_overdue_issues_escalate_to_the_city_once(personas):
    issue = samples.issue(personas)
    Issue.objects.filter(pk=issue.pk).update(due_on=today() - timedelta(days=1))
    assert services.issues_escalate() == 1
    assert services.issues_escalate() == 0
    issue.refresh_from_db()
    assert issue.escalated_to == personas["orgs"]["city"]
    assert issue.activities.filter(action="escalated").count() == 1


# --- bulletins ----------------------------------------------------------------------------------------------

def test_a_published_bulletin_is_unchanged_by_later_visits(personas):
    samples.visit(personas)
    bulletin = samples.bulletin(personas, publish=True)
    frozen = dict(bulletin.figures)
    assert frozen["visits"] == 1 and bulletin.number == 1
    samples.visit(personas)
    samples.issue(personas)
    bulletin.refresh_from_db()
    assert bulletin.figures == frozen
    with pytest.raises(ValidationError):
        services.bulletin_edit(bulletin=bulletin, actor=personas["jinjiang"], title="改")


def test_a_correction_is_a_new_version_with_the_same_number(personas):
    first = samples.bulletin(personas, publish=True)
    second = samples.bulletin(personas, publish=True)
    correction = services.bulletin_correct(bulletin=first, actor=personas["jinjiang"])
    services.bulletin_edit(bulletin=correction, actor=personas["jinjiang"], typical_cases="更正后的典型案例")
    services.bulletin_submit(bulletin=correction, actor=personas["jinjiang"])
    correction = services.bulletin_publish(bulletin=correction, actor=personas["jinjiang"])
    assert (first.number, second.number, correction.number, correction.version) == (1, 2, 1, 2)
    first.refresh_from_db()
    assert first.status == "superseded" and first.typical_cases != "更正后的典型案例"
    third = samples.bulletin(personas, publish=True)
    assert third.number == 3


def test_the_city_bulletin_takes_in_the_district_bulletins(personas):
    samples.visit(personas)
    district = samples.bulletin(personas, publish=True)
    city = samples.bulletin(personas, publish=True, actor="city_admin")
    assert list(city.includes.all()) == [district]
    assert city.figures["districts"][0]["number"] == district.number
    assert city.figures["visits"] == 1 and city.number == 1
    assert Bulletin.objects.filter(organization=personas["orgs"]["city"]).count() == 1


# --- the worker's jobs ------------------------------------------------------------------------------------

def test_the_worker_makes_each_district_plan_once_and_reminds_visitors_once_a_week(personas):
    from followups import tasks
    from followups.models import VisitPlan
    from redcross.models import Notification

    samples.enterprise(personas)
    assert tasks.plans_generate(period="year") == 1  # 锦江's enterprise; 青羊 has nobody eligible
    assert tasks.plans_generate(period="year") == 0
    assert set(VisitPlan.objects.values_list("region_id", flat=True)) == {JINJIANG, QINGYANG}
    PlanItem.objects.update(visitor=personas["jinjiang"], due_on=today() - timedelta(days=1))
    assert tasks.reminders_send() == 1 and tasks.reminders_send() == 0
    assert "已逾期 1 个" in Notification.objects.get(kind="followups.visit_reminder").message


def test_the_monthly_draft_is_written_once_per_society(personas):
    from followups import tasks

    made = tasks.bulletins_draft()
    assert made == 3  # the city, 锦江 and 青羊
    assert tasks.bulletins_draft() == 0
    assert Bulletin.objects.filter(status="draft").count() == 3
