"""Staff portal pages of volunteer service: review, the file, activities with check-in and hours, exports."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.volunteers.test_hours import activity, applicant, volunteer
from volunteers import services
from volunteers.models import Activity, ServiceCertificate, ServiceRecord

pytestmark = pytest.mark.django_db


def act(client, v, action, **data):
    return client.post(reverse("volunteers:volunteer_action", args=[v.pk, action]), data, follow=True)


def test_district_staff_review_applications(personas, client):
    client.force_login(personas["jinjiang"])
    first, second = applicant(1), applicant(2)
    listing = client.get(reverse("volunteers:volunteer_list"), {"status": "applied"})
    assert {v.pk for v in listing.context["object_list"]} == {first.pk, second.pk}
    act(client, first, "accept")
    first.refresh_from_db()
    assert first.status == "signed_up" and first.number.startswith("5101042")
    refused = act(client, second, "decline", reason="")
    assert "不予通过的原因" in refused.content.decode()
    second.refresh_from_db()
    assert second.status == "applied"
    act(client, second, "decline", reason="所报技能无法核实")
    second.refresh_from_db()
    assert (second.status, second.decline_reason) == ("declined", "所报技能无法核实")


def test_another_district_cannot_act_on_the_file(personas, client):
    v = applicant(3)
    client.force_login(personas["qingyang"])
    assert client.get(reverse("volunteers:volunteer_detail", args=[v.pk])).status_code == 404
    assert client.post(reverse("volunteers:volunteer_action", args=[v.pk, "accept"])).status_code == 404
    v.refresh_from_db()
    assert v.status == "applied"


def test_the_auditor_reads_but_cannot_act(personas, client):
    v = applicant(4)
    client.force_login(personas["auditor"])
    page = client.get(reverse("volunteers:volunteer_detail", args=[v.pk]))
    assert page.status_code == 200 and "通过申请" not in page.content.decode()
    assert client.post(reverse("volunteers:volunteer_action", args=[v.pk, "accept"])).status_code == 403


def test_an_activity_page_signs_up_checks_in_records_and_confirms(personas, client):
    event = activity(personas)
    v = volunteer(personas, 5)
    client.force_login(personas["jinjiang"])
    url = lambda action: reverse("volunteers:activity_action", args=[event.pk, action])  # noqa: E731
    page = client.get(event.get_absolute_url())
    assert page.status_code == 200 and "扫码签到" in page.content.decode()
    qr = client.get(reverse("volunteers:activity_qr", args=[event.pk]))
    assert qr["Content-Type"] == "image/png" and qr.content.startswith(b"\x89PNG")
    unknown = client.post(url("signup"), {"number": "nobody"}, follow=True)
    assert "没有志愿者使用该编号" in unknown.content.decode()
    client.post(url("signup"), {"number": v.number})
    signup = v.signups.get()
    client.post(url("checkin"), {"signup": signup.pk})
    bad = client.post(url("record"), {"signup": signup.pk, "hours": "30", "content": "医疗保障"}, follow=True)
    assert "24" in bad.content.decode() and not ServiceRecord.objects.exists()
    client.post(url("record"), {"signup": signup.pk, "hours": "4.5", "content": "医疗保障"})
    record = ServiceRecord.objects.get()
    assert record.status == "recorded"
    client.post(url("confirm"), {"record": record.pk})
    client.post(url("confirm"), {"record": record.pk})  # a double click counts once
    v.refresh_from_db()
    assert v.confirmed_hours == 4.5


def test_confirmed_hours_are_corrected_by_a_new_record(personas, client):
    v = volunteer(personas, 6)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=3,
                                            served_on=timezone.localdate(), content="探访")
    services.service_record_confirm(record=record, actor=personas["jinjiang"])
    client.force_login(personas["jinjiang"])
    client.post(reverse("volunteers:record_correct", args=[record.pk]), {"hours_change": "-1", "reason": "多记一小时"})
    correction = ServiceRecord.objects.exclude(pk=record.pk).get()
    assert (correction.kind, correction.hours, correction.adjusts_id) == ("adjustment", -1, record.pk)
    client.post(reverse("volunteers:record_confirm", args=[correction.pk]))
    v.refresh_from_db()
    assert v.confirmed_hours == 2
    record.refresh_from_db()
    assert record.hours == 3  # the confirmed record itself never changes


def test_the_file_issues_a_certificate_and_records_exit_and_return(personas, client):
    v = volunteer(personas, 7)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=8,
                                            served_on=timezone.localdate(), content="应急保障")
    services.service_record_confirm(record=record, actor=personas["jinjiang"])
    client.force_login(personas["jinjiang"])
    act(client, v, "certificate")
    certificate = ServiceCertificate.objects.get()
    assert certificate.handler_name and certificate.hours == 8
    pdf = client.get(reverse("volunteers:certificate_pdf", args=[certificate.pk]))
    assert pdf.content.startswith(b"%PDF")
    act(client, v, "exit", kind="voluntary", reason="工作调动", exited_on=timezone.localdate().isoformat(),
        equipment_returned="on")
    v.refresh_from_db()
    assert v.status == "exited" and v.confirmed_hours == 8
    page = client.get(v.get_absolute_url()).content.decode()
    assert "工作调动" in page and "8.00" in page
    act(client, v, "rejoin")
    v.refresh_from_db()
    assert v.status == "signed_up" and v.number == certificate.volunteer.number


def test_volunteer_list_filters_and_exports(personas, client, django_assert_max_num_queries):
    for n in range(1, 8):
        volunteer(personas, n)
    client.force_login(personas["jinjiang"])
    with django_assert_max_num_queries(14):
        page = client.get(reverse("volunteers:volunteer_list"), {"skill": "first_aider", "active": "false"})
    assert page.context["paginator"].count == 7
    assert client.get(reverse("volunteers:volunteer_list"), {"active": "true"}).context["paginator"].count == 0
    export = client.get(reverse("volunteers:volunteer_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][0] == "志愿者编号" and len(rows) == 8
    assert all("*" in row[1] for row in rows[1:])  # names are masked in exports too


def test_the_dashboard_shows_the_district_figures(personas, client):
    v = volunteer(personas, 1)
    applicant(2)
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=5,
                                            served_on=timezone.localdate(), content="探访")
    services.service_record_confirm(record=record, actor=personas["jinjiang"])
    client.force_login(personas["jinjiang"])
    page = client.get(reverse("volunteers:dashboard"))
    figures = page.context["figures"]
    assert (figures["serving"], figures["applications"]) == (1, 1)
    assert figures["months"][-1][1] == 5
    assert "每月确认服务时长" in page.content.decode()
    client.force_login(personas["qingyang"])
    assert client.get(reverse("volunteers:dashboard")).context["figures"]["serving"] == 0


def test_staff_create_an_activity_and_bad_dates_name_the_field(personas, client):
    client.force_login(personas["jinjiang"])
    start = timezone.localtime() + timezone.timedelta(days=3)
    data = {"title": "社区献血宣传", "kind": "blood_donation", "organization": personas["orgs"]["jinjiang"].pk,
            "region": "510104022000", "place": "春熙路", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - timezone.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), "capacity": 10}
    bad = client.post(reverse("volunteers:activity_create"), data)
    assert bad.status_code == 200 and "结束" in str(bad.context["form"].errors)
    data["ends_at"] = (start + timezone.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    good = client.post(reverse("volunteers:activity_create"), data)
    assert good.status_code == 302
    created = Activity.objects.get(title="社区献血宣传")
    assert good.url == created.get_absolute_url() and created.created_by == personas["jinjiang"]


def test_the_city_filters_volunteers_by_district_and_town(personas, client):
    from organizations.models import Region
    from redcross.testing import person_factory_kwargs

    jinjiang = volunteer(personas, 1)
    qingyang = services.volunteer_accept(volunteer=services.volunteer_apply(
        consent=True, **person_factory_kwargs(30, "510105000000")), actor=personas["city_admin"])
    client.force_login(personas["city_admin"])
    url = reverse("volunteers:volunteer_list")
    choices = client.get(url).context["filter"].form.fields["region"].queryset
    assert {"510104000000", "510105000000", "510104022000"} <= {r.code for r in choices}
    assert not choices.filter(level="community").exists()
    shown = lambda query: {v.pk for v in client.get(url, query).context["object_list"]}  # noqa: E731
    assert shown({"region": "510104000000"}) == {jinjiang.pk}
    assert shown({"region": "510105000000"}) == {qingyang.pk}
    town = Region.objects.get(code=jinjiang.person.region_id[:9] + "000")
    assert shown({"region": town.code}) == {jinjiang.pk}
    client.force_login(personas["jinjiang"])
    own = client.get(url).context["filter"].form.fields["region"].queryset
    assert {r.code[:6] for r in own} == {"510104"}
