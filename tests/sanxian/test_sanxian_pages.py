"""Portal and public pages: no public page, public figure or export carries a health detail of a named person."""

import pytest
from django.urls import reverse

from redcross.testing import person_factory_kwargs
from sanxian import services
from tests.sanxian import samples
from tests.sanxian.samples import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(personas):
    """A donor who matched and donated at a named hospital, a realised pledge on the wall."""
    from django.core.cache import cache
    from django.db import connection

    cache.delete(f"sanxian:public_figures:{connection.settings_dict['NAME']}")
    donor = samples.donor(personas, n=975)
    for kind, day in (("preliminary_match", 9), ("high_resolution", 6)):
        services.stem_cell_event_record(actor=personas["jinjiang"], donor=donor, kind=kind, occurred_on=days_ago(day),
                                        notes="HLA 10/10")
    services.stem_cell_event_record(actor=personas["jinjiang"], donor=donor, kind="donated",
                                    occurred_on=days_ago(2), hospital="四川大学华西医院", notes="采集量 320ml")
    entry = samples.memorial(personas, n=976)
    return {"donor": donor, "entry": entry, "names": [donor.person.full_name, entry.pledge.person.full_name]}


# Health details of named people (hospitals, typing, amounts, what was donated) and the witness's name.
HEALTH = ["华西医院", "人民医院", "HLA", "320ml", "肝脏", "双肾", "王建华"]


def test_no_public_page_carries_a_health_detail_or_a_registrant(records, client):
    pages = [reverse("sanxian-public:guide"), reverse("sanxian-public:memorial"), reverse("sanxian-public:figures"),
             "/"]
    for url in pages:
        text = client.get(url).content.decode()
        for secret in HEALTH + [records["donor"].person.full_name, records["donor"].person.document_number_masked]:
            assert secret not in text, (url, secret)
    wall = client.get(reverse("sanxian-public:memorial")).content.decode()
    assert "李志强" in wall and "生命以另一种方式延续" in wall  # what the family agreed to publish, and only that
    figures = client.get(reverse("sanxian-public:figures")).content.decode()
    assert "<td>1</td>" in figures


def test_portal_lists_and_their_exports_show_masked_names_and_no_health_detail(records, personas, client):
    client.force_login(personas["jinjiang"])
    for name in ("sanxian:drive_list", "sanxian:donor_list", "sanxian:pledge_list", "sanxian:care_list",
                 "sanxian:memorial_list"):
        page = client.get(reverse(name)).content.decode()
        exported = b"".join(client.get(reverse(name) + "?export=csv").streaming_content).decode()
        workbook = client.get(reverse(name) + "?export=xlsx")
        assert workbook.status_code == 200
        for text in (page, exported):
            for secret in HEALTH + [records["donor"].person.full_name]:
                assert secret not in text, (name, secret)
    detail = client.get(reverse("sanxian:donor_detail", args=[records["donor"].pk])).content.decode()
    assert "华西" not in detail and "＊＊＊" in detail


def test_the_portal_reveal_shows_the_details_once_and_logs_it(records, personas, client):
    client.force_login(personas["jinjiang"])
    shown = client.post(reverse("sanxian:donor_action", args=[records["donor"].pk, "reveal"]),
                        {"reason": "联系移植医院"}).content.decode()
    assert "四川大学华西医院" in shown
    from people.models import PersonalDataAccess

    access = PersonalDataAccess.objects.get()
    assert (access.reason, access.channel, access.user) == ("联系移植医院", "portal", personas["jinjiang"])
    client.force_login(personas["city_admin"])
    assert "联系移植医院" in client.get(reverse("people:access_list")).content.decode()


def test_the_dashboard_shows_the_year_by_district(records, personas, client):
    client.force_login(personas["jinjiang"])
    response = client.get(reverse("sanxian:dashboard"), {"year": days_ago(2).year})
    assert response.status_code == 200
    assert response.context["totals"]["donations"] == 1 and response.context["districts"][0]["name"] == "锦江区"
    client.force_login(personas["qingyang"])
    assert client.get(reverse("sanxian:dashboard")).context["totals"]["registrants"] == 0


def test_actions_on_another_districts_records_answer_404_and_write_nothing(records, personas, client):
    client.force_login(personas["qingyang"])
    donor, pledge = records["donor"], records["entry"].pledge
    posts = [
        (reverse("sanxian:donor_action", args=[donor.pk, "reveal"]), {"reason": "好奇"}),
        (reverse("sanxian:pledge_action", args=[pledge.pk, "memorial-withdraw"]), {}),
        (reverse("sanxian:drive_action", args=[donor.drive_id, "register"]), {"full_name": "外人"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    from people.models import PersonalDataAccess

    assert not PersonalDataAccess.objects.exists()
    assert records["entry"].__class__.objects.get(pk=records["entry"].pk).is_published


def test_a_donor_registered_at_a_drive_under_another_holders_name_is_refused_on_the_page(records, personas, client):
    """The identity check runs in the service: its refusal comes back as a message, and nothing is written."""
    from people.models import Person
    from sanxian.models import StemCellDonor

    client.force_login(personas["jinjiang"])
    holder = records["donor"].person
    drive = records["donor"].drive
    before = (Person.objects.count(), StemCellDonor.objects.count())
    document = person_factory_kwargs(975, drive.region_id)["document_number"]  # the holder's own document
    answer = client.post(reverse("sanxian:drive_action", args=[drive.pk, "register"]), {
        "full_name": "冒名者", "document_type": holder.document_type, "document_number": document,
        "mobile": "", "region": holder.region_id, "sampled_on": drive.held_on.isoformat(), "consent": "on",
    }, follow=True)
    assert answer.status_code == 200 and "姓名：与该证件" in answer.content.decode()
    assert (Person.objects.count(), StemCellDonor.objects.count()) == before


def test_a_role_that_may_only_read_cannot_act_and_an_unknown_action_is_404(records, personas, client):
    client.force_login(personas["auditor"])
    pledge = records["entry"].pledge
    assert client.post(reverse("sanxian:pledge_action", args=[pledge.pk, "memorial-withdraw"])).status_code == 403
    client.force_login(personas["jinjiang"])
    assert client.post(reverse("sanxian:pledge_action", args=[pledge.pk, "delete"])).status_code == 404
    assert records["entry"].__class__.objects.get(pk=records["entry"].pk).is_published
