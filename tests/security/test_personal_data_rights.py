"""PIPL Art. 44–47: a person's request to see, correct or delete their data, recorded, answered and logged."""

import json

import pytest
from pghistory.models import Events

from people import rights
from people.models import Person, PersonalDataAccess, PersonalDataRequest

pytestmark = pytest.mark.django_db


def someone(personas, n=51):
    from tests.people.samples import person

    return person(personas, n=n)


def test_a_request_to_see_exports_everything_held_and_logs_it(personas, client):
    from volunteers import services as volunteer_services

    person = someone(personas)
    from people import crypto

    volunteer_services.volunteer_apply(full_name=person.full_name, document_type="resident_id",
                                       document_number=crypto.decrypt(person.document_number_encrypted),
                                       mobile=crypto.decrypt(person.mobile_encrypted), region=person.region,
                                       consent=True)
    client.force_login(personas["jinjiang"])
    created = client.post("/portal/people/requests/new/", {"person": person.pk, "kind": "access",
                                                           "details": "我要查看", "received_via": "窗口"})
    request = PersonalDataRequest.objects.get()
    assert created.status_code == 302 and created["Location"] == request.get_absolute_url()
    assert client.get(request.get_absolute_url()).status_code == 200
    download = client.post(request.get_absolute_url(), {"action": "export"})
    data = json.loads(download.content)
    assert data["person"]["full_name"] == person.full_name and data["person"]["mobile"]
    assert "volunteers.Volunteer" in data["records"]
    request.refresh_from_db()
    assert request.status == "answered" and request.answered_by == personas["jinjiang"]
    assert PersonalDataAccess.objects.filter(person=person, fields__contains="Art. 45").exists()
    # Answered once only, and the list shows it.
    assert client.post(request.get_absolute_url(), {"action": "export"}).status_code == 302
    assert client.get("/portal/people/requests/").status_code == 200


def test_a_request_to_delete_anonymises_and_keeps_the_records_the_law_requires(personas):
    from tests.donations.samples import fund, gift

    person = someone(personas, 52)
    from donations import services as donation_services

    giver = donation_services.donor_create(actor=personas["jinjiang"], kind="individual", name=person.full_name,
                                           mobile="13900000052", publish_name=False)
    donation = gift(personas, fund(personas), "66.00", giver=giver)
    request = rights.data_request_record(actor=personas["jinjiang"], person=person, kind="delete")
    rights.data_request_anonymise(request=request, actor=personas["jinjiang"])
    person.refresh_from_db()
    assert person.full_name == rights.ANONYMISED_NAME and person.mobile_masked == "" and person.birth_date is None
    assert person.document_number_encrypted == "" and person.document_number_masked == rights.ANONYMISED_NAME
    # The receipt stays, and the change history no longer holds the former name.
    donation.refresh_from_db()
    assert donation.receipt_number and donation.status == "confirmed"
    old = [e.pgh_data.get("full_name") for e in Events.objects.tracks(person)]
    assert "测试52" not in old
    assert PersonalDataRequest.objects.get().status == "answered"


def test_a_correction_goes_through_the_registry_service_and_a_stranger_cannot_answer(personas):
    person = someone(personas, 53)
    request = rights.data_request_record(actor=personas["jinjiang"], person=person, kind="correct",
                                         details="姓名写错了")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        rights.data_request_correct(request=request, actor=personas["qingyang"], answer="x", full_name="改名")
    rights.data_request_correct(request=request, actor=personas["jinjiang"], answer="已更正", full_name="测试改名")
    assert Person.objects.get(pk=person.pk).full_name == "测试改名"
    with pytest.raises(ValidationError):
        rights.data_request_correct(request=request, actor=personas["jinjiang"], answer="again")


def test_the_portal_answers_through_one_action_view_scoped_and_with_a_reason(personas, client):
    """Anonymise, corrected and refuse are `PortalActionView` actions: scoped (404 outside), refused without a
    reason, each answered once."""
    person = someone(personas, n=57)
    request = rights.data_request_record(actor=personas["jinjiang"], person=person, kind="delete", details="删除")
    client.force_login(personas["qingyang"])
    assert client.post(f"/portal/people/requests/{request.pk}/refuse/", {"answer": "不符合"}).status_code == 404
    client.force_login(personas["jinjiang"])
    assert client.post(f"/portal/people/requests/{request.pk}/unknown/").status_code == 404
    empty = client.post(f"/portal/people/requests/{request.pk}/refuse/", {"answer": " "}, follow=True)
    request.refresh_from_db()
    assert request.status == "received" and list(empty.context["messages"])
    refused = client.post(f"/portal/people/requests/{request.pk}/refuse/", {"answer": "须保留捐赠票据"})
    request.refresh_from_db()
    assert refused.status_code == 302 and refused["Location"] == request.get_absolute_url()
    assert request.status == "refused" and request.answer == "须保留捐赠票据"
    Person.objects.get(pk=person.pk)  # nothing anonymised
    again = client.post(f"/portal/people/requests/{request.pk}/anonymise/", follow=True)
    assert list(again.context["messages"])
    assert Person.objects.get(pk=person.pk).full_name == person.full_name
