"""Portal pages of membership: enrolment through the people registry, dues recorded on the member's page,
the ranking of member units, exports with masked names."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import DuesPayment, Member
from redcross.testing import person_factory_kwargs
from tests.members import samples
from tests.sanxian.samples import TOWN

pytestmark = pytest.mark.django_db


def test_a_person_is_enrolled_from_the_portal_and_pays_dues(personas, client):
    samples.rates()
    client.force_login(personas["jinjiang"])
    identity = person_factory_kwargs(990, "510104022000")
    form = {"kind": "individual", "society": personas["orgs"]["jinjiang"].pk,
            "joined_on": timezone.localdate().isoformat(), "full_name": identity["full_name"],
            "document_type": "resident_id", "document_number": identity["document_number"], "mobile": "",
            "region": identity["region"].code}
    response = client.post(reverse("members:member_create"), form)
    member = Member.objects.get()
    assert response.status_code == 302 and response.url == member.get_absolute_url()
    assert member.person.full_name == identity["full_name"] and member.number == "510104000000-00001"
    again = client.post(reverse("members:member_create"), form)
    assert again.status_code == 200 and "已是该红十字会会员" in again.content.decode()
    paid = client.post(reverse("members:member_action", args=[member.pk, "pay"]),
                       {"year": timezone.localdate().year, "paid_on": timezone.localdate().isoformat(),
                        "method": "cash", "amount": "", "reference": ""}, follow=True)
    receipt = DuesPayment.objects.get().receipt_number
    assert receipt in paid.content.decode()
    listed = b"".join(client.get(reverse("members:member_list") + "?export=csv").streaming_content).decode()
    assert member.number in listed and identity["full_name"] not in listed


def test_the_outstanding_page_ranks_units_and_outsiders_see_none(personas, client):
    samples.contribution(personas)
    client.force_login(personas["jinjiang"])
    page = client.get(reverse("members:outstanding"))
    assert [m.name for m in page.context["ranked"]] == ["锦江宾馆红十字会"]
    client.force_login(personas["qingyang"])
    assert list(client.get(reverse("members:outstanding")).context["ranked"]) == []
    assert client.get(reverse("members:rates")).status_code == 200


def test_a_name_that_does_not_match_the_document_is_shown_on_its_field_and_enrols_no_one(personas, client):
    samples.rates()
    holder = samples.individual(personas).person
    client.force_login(personas["jinjiang"])
    identity = person_factory_kwargs(952, TOWN)  # the holder's own document
    response = client.post(reverse("members:member_create"), {
        "kind": "individual", "society": personas["orgs"]["jinjiang"].pk,
        "joined_on": timezone.localdate().isoformat(), "full_name": "冒名者", "document_type": "resident_id",
        "document_number": identity["document_number"], "mobile": "", "region": identity["region"].code})
    assert response.status_code == 200
    assert "姓名：与该证件" in response.context["form"].errors["full_name"][0]
    assert Member.objects.count() == 1 and holder.full_name == identity["full_name"]


def test_actions_need_their_permission_and_an_unknown_action_is_404(personas, client):
    samples.rates()
    member = samples.individual(personas)
    client.force_login(personas["auditor"])
    pay = {"year": timezone.localdate().year, "paid_on": timezone.localdate().isoformat(), "method": "cash"}
    assert client.post(reverse("members:member_action", args=[member.pk, "pay"]), pay).status_code == 403
    client.force_login(personas["jinjiang"])
    assert client.post(reverse("members:member_action", args=[member.pk, "refund"]), pay).status_code == 404
    assert not DuesPayment.objects.exists()
