"""Portal pages of follow-up visits: the board, forms that save through the services, history, scope."""

from datetime import timedelta

import pytest
from django.utils import timezone

from followups import selectors, services
from followups.models import Issue, Visit
from tests.followups import samples

pytestmark = pytest.mark.django_db


def test_the_board_shows_rates_per_district_against_target(personas, client, django_assert_max_num_queries):
    samples.enterprise(personas)
    samples.visit(personas)
    services.rates_recompute()
    client.force_login(personas["city_admin"])
    client.get("/portal/followups/")
    # The board reads the running figures: a handful of queries however large the city.
    with django_assert_max_num_queries(20):
        response = client.get("/portal/followups/")
    assert response.status_code == 200
    district = next(d for d in response.context["districts"] if d["code"] == "510104000000")
    assert district["caring_enterprise"]["rate"] == 50.0 and district["caring_enterprise"]["target"] == 60.0
    assert not district["caring_enterprise"]["met"]
    assert "回访工作看板" in response.content.decode()


def test_a_district_staffer_sees_only_their_district_on_the_board(personas, client):
    services.rates_recompute()
    client.force_login(personas["qingyang"])
    codes = {d["code"] for d in client.get("/portal/followups/").context["districts"]}
    assert codes == {"510105000000"}


def test_a_visit_form_with_a_bad_date_shows_the_error_and_writes_nothing(personas, client):
    firm = samples.enterprise(personas)
    client.force_login(personas["jinjiang"])
    response = client.post("/portal/followups/visits/new/", {
        "party_kind": "caring_enterprise", "party_id": firm.pk, "method": "on_site",
        "visited_on": (timezone.localdate() + timedelta(days=2)).isoformat()})
    assert response.status_code == 200
    assert "回访日期：不能晚于今天" in response.content.decode()
    assert not Visit.objects.exists()


def test_the_visit_form_records_the_visit_and_its_problem(personas, client):
    firm = samples.enterprise(personas)
    client.force_login(personas["jinjiang"])
    page = client.get(f"/portal/followups/visits/new/?kind=caring_enterprise&q={firm.name[:4]}")
    assert firm.name in page.content.decode()
    response = client.post("/portal/followups/visits/new/", {
        "party_kind": "caring_enterprise", "party_id": firm.pk, "method": "phone",
        "visited_on": timezone.localdate().isoformat(), "difficulties": ["enterprise"], "satisfaction": "4",
        "issue_title": "用工难", "issue_category": "employment", "issue_department": "区人社局"})
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = Issue.objects.get()
    assert issue.visit.donor == firm and issue.status == "assigned"


def test_the_visit_history_of_a_party_is_scoped(personas, client):
    volunteer = samples.volunteer(personas)
    samples.visit(personas, party=volunteer, kind="volunteer")
    client.force_login(personas["jinjiang"])
    response = client.get(f"/portal/followups/history/volunteer/{volunteer.pk}/")
    assert response.status_code == 200 and len(response.context["visits"]) == 1
    client.force_login(personas["qingyang"])
    assert client.get(f"/portal/followups/history/volunteer/{volunteer.pk}/").status_code == 404
    assert selectors.visit_history(kind="volunteer", pk=volunteer.pk, user=personas["qingyang"]) == []


def test_the_volunteer_donor_aid_case_and_member_unit_pages_link_to_their_visit_history(personas, client):
    from organizations import services as organization_services
    from organizations.models import Region
    from tests.donations.samples import aid_case

    unit = organization_services.organization_create(
        actor=personas["jinjiang"], name="锦江会员单位", kind="member_unit", unit_type="enterprise",
        region=Region.objects.get(code="510104022000"))
    parties = [(samples.volunteer(personas), "volunteer"), (samples.enterprise(personas), "caring_enterprise"),
               (aid_case(personas), "aided_person"), (unit, "member_unit")]
    client.force_login(personas["jinjiang"])
    for party, kind in parties:
        samples.visit(personas, party=party, kind=kind)
        link = f"/portal/followups/history/{kind}/{party.pk}/"
        assert link in client.get(party.get_absolute_url()).content.decode(), kind
        history = client.get(link)
        assert history.status_code == 200 and len(history.context["visits"]) == 1, kind
    # A society is not visited as a member unit: no button on its page.
    society = personas["orgs"]["jinjiang"]
    assert "/portal/followups/history/" not in client.get(society.get_absolute_url()).content.decode()


def test_the_bulletin_page_and_pdf(personas, client):
    samples.visit(personas)
    bulletin = samples.bulletin(personas, publish=True)
    client.force_login(personas["jinjiang"])
    page = client.get(f"/portal/followups/bulletins/{bulletin.pk}/").content.decode()
    assert "第1期" in page and "数据已于发布时固定" in page
    pdf = client.get(f"/portal/followups/bulletins/{bulletin.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.force_login(personas["qingyang"])
    assert client.get(f"/portal/followups/bulletins/{bulletin.pk}/pdf/").status_code == 404


def test_the_issue_page_refers_and_finishes(personas, client):
    issue = samples.issue(personas)
    client.force_login(personas["jinjiang"])
    client.post(f"/portal/followups/issues/{issue.pk}/finish/", {"status": "resolved", "resolution": ""})
    issue.refresh_from_db()
    assert issue.status == "assigned"
    client.post(f"/portal/followups/issues/{issue.pk}/finish/", {
        "status": "resolved", "resolution": "已协调", "feedback": "满意", "feedback_satisfaction": "5"})
    issue.refresh_from_db()
    assert issue.status == "resolved" and issue.feedback_satisfaction == 5
    page = client.get(f"/portal/followups/issues/{issue.pk}/").content.decode()
    assert "回访对象反馈" in page and "满意" in page


def test_a_visit_from_the_due_list_ticks_the_item_off(personas, client):
    firm = samples.enterprise(personas)
    plan = samples.plan(personas)
    services.plan_generate(plan=plan, actor=personas["jinjiang"])
    item = plan.items.get(donor=firm)
    client.force_login(personas["jinjiang"])
    form = client.get(f"/portal/followups/visits/new/?item={item.pk}")
    assert firm.name in form.content.decode()
    response = client.post(f"/portal/followups/visits/new/?item={item.pk}", {
        "item": item.pk, "party_kind": "caring_enterprise", "party_id": firm.pk, "method": "on_site",
        "visited_on": timezone.localdate().isoformat(), "visitors": [personas["jinjiang"].pk],
        "difficulties": ["enterprise"], "difficulties_text": "资金紧张", "satisfaction": "5", "notes": "住院",
        "is_typical": "on", "issue_title": "融资难", "issue_category": "enterprise"})
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert item.visit is not None and item.visit.issues.get().title == "融资难"


def test_a_due_item_is_rescheduled_within_the_plan_only(personas, client):
    plan = samples.plan(personas)
    item = samples.plan_item(personas)
    client.force_login(personas["jinjiang"])
    url = f"/portal/followups/plans/{plan.pk}/change/"
    client.post(url, {"item": item.pk, "due_on": f"{plan.year + 1}-01-15"})
    item.refresh_from_db()
    assert item.due_on == plan.ends_on  # outside the period: refused
    client.post(url, {"item": item.pk, "due_on": f"{plan.year}-12-01", "visitor": personas["jinjiang"].pk})
    item.refresh_from_db()
    assert item.due_on.isoformat() == f"{plan.year}-12-01" and item.visitor == personas["jinjiang"]
