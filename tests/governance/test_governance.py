"""The supervisory board, its opinions and the audit reports; the reform checklist flagged on the plan board."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import ActionItem, SupervisionOpinion
from redcross.plan import services as plan_services
from redcross.plan.models import TargetSnapshot
from tests.governance import samples

pytestmark = pytest.mark.django_db


def test_an_item_is_done_only_with_evidence_and_overdue_items_pull_the_board_figure_down(personas, as_user):
    api = as_user(personas["jinjiang"])
    late = samples.item(personas, title="建成区级红十字应急救护培训基地", due_in=-10)
    on_time = samples.item(personas, title="完成年度志愿者回访", due_in=-5)
    url = reverse("governance-api:actionitem-detail", args=[on_time.pk])
    refused = api.patch(url, {"status": "done"}, format="json")
    assert refused.status_code == 400 and "evidence" in refused.json()["error"]["fields"]
    done = api.patch(url, {"status": "done", "evidence": "回访记录 120 份，存档于区红十字会办公室"}, format="json")
    assert done.status_code == 200 and done.json()["done_on"] == timezone.localdate().isoformat()
    assert late.is_overdue and not ActionItem.objects.get(pk=on_time.pk).is_overdue

    plan_services.snapshots_take()
    figure = TargetSnapshot.objects.get(target="governance.checklist_on_time", region_id="510104000000",
                                        day=timezone.localdate())
    assert (figure.numerator, figure.denominator, figure.value) == (1, 2, 50)


def test_a_district_cannot_give_another_district_an_opinion_or_item(personas, as_user):
    api = as_user(personas["qingyang"])
    response = api.post(reverse("governance-api:actionitem-list"), {
        "plan": 3, "source": "plan", "title": "越权事项", "owner": personas["orgs"]["jinjiang"].pk,
        "due_on": "2026-12-31", "status": "planned"}, format="json")
    assert response.status_code == 400 and "owner" in response.json()["error"]["fields"]
    assert not ActionItem.objects.exists()


def test_an_opinion_is_rectified_with_its_evidence_and_date(personas):
    from governance.services import opinion_save

    opinion = samples.opinion(personas, due_in=-3)
    assert opinion.is_overdue
    opinion = opinion_save(actor=personas["jinjiang"], instance=opinion, status="rectified",
                           rectification="已在官网公开 2024 年度捐赠款物使用明细")
    assert opinion.rectified_on == timezone.localdate() and not opinion.is_overdue
    assert SupervisionOpinion.objects.get(pk=opinion.pk).status == "rectified"


def test_published_audit_reports_are_on_the_transparency_pages(personas, client):
    samples.audit(personas, year=2024)
    from governance.services import audit_report_save

    audit_report_save(actor=personas["jinjiang"], organization=personas["orgs"]["jinjiang"], year=2025,
                      auditor="未发布事务所", opinion="qualified", summary="草稿", published_on=None)
    page = client.get("/transparency/audits/").content.decode()
    assert "四川天府会计师事务所" in page and "2024" in page
    assert "未发布事务所" not in page


def test_the_portal_pages_and_the_digest_show_overdue_items(personas, client):
    samples.item(personas, title="逾期事项甲", due_in=-1)
    samples.meeting(personas)
    client.force_login(personas["city_admin"])
    for name in ("item_list", "member_list", "meeting_list", "opinion_list", "audit_list", "item_create"):
        assert client.get(reverse(f"governance:{name}")).status_code == 200, name
    overdue = client.get(reverse("governance:item_list"), {"overdue": "true"})
    assert "逾期事项甲" in overdue.content.decode()

    from redcross.digests import digest_text

    assert "逾期事项甲" in digest_text(personas["jinjiang"], since=timezone.now() - timedelta(days=1))
    assert "逾期事项甲" not in digest_text(personas["qingyang"], since=timezone.now() - timedelta(days=1))


def test_a_supervisor_term_must_end_after_it_starts(personas, as_user):
    response = as_user(personas["city_admin"]).post(reverse("governance-api:supervisorymember-list"), {
        "organization": personas["orgs"]["city"].pk, "name": "李监事", "role": "chair",
        "term_start": str(date(2025, 1, 1)), "term_end": str(date(2024, 1, 1))}, format="json")
    assert response.status_code == 400
