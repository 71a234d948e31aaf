"""A service record holds its volunteer's organisation's region code, kept by the database, final record or not."""

import pytest
from django.db import transaction
from django.db.utils import ProgrammingError
from django.utils import timezone

from organizations import services as organization_services
from organizations.models import Region
from tests.volunteers.test_hours import applicant
from volunteers import services
from volunteers.models import ServiceRecord, ServiceRecordEvent

pytestmark = pytest.mark.django_db


def confirmed_record(personas, v, hours=4):
    record = services.service_record_create(volunteer=v, actor=personas["jinjiang"], hours=hours,
                                            served_on=timezone.localdate(), content="应急救护培训保障")
    return services.service_record_confirm(record=record, actor=personas["jinjiang"])


def test_records_follow_their_volunteer_and_organisation_and_stay_final(personas, as_user):
    chunxilu = personas["orgs"]["chunxilu"]  # a town's organisation, which can move to another district's town
    v = services.volunteer_accept(volunteer=applicant(1, organization=chunxilu), actor=personas["jinjiang"])
    record = confirmed_record(personas, v)
    correction = services.service_record_correct(record=record, actor=personas["jinjiang"], hours_change="-1",
                                                 reason="扣除交通时间")
    home = v.organization.region_id
    assert set(ServiceRecord.objects.values_list("scope_region", flat=True)) == {home}
    events = ServiceRecordEvent.objects.count()

    # The volunteer's organisation moves to a town of 青羊区: a confirmed record goes along, nothing else changes.
    organization_services.organization_update(organization=chunxilu, region=Region.objects.get(code="510105002000"))
    moved = ServiceRecord.objects.get(pk=record.pk)
    assert moved.scope_region == "510105002000" and moved.hours == record.hours and moved.status == "confirmed"
    assert ServiceRecord.objects.get(pk=correction.pk).scope_region == moved.scope_region
    assert ServiceRecordEvent.objects.count() == events  # no record changed: their history says nothing
    assert as_user(personas["jinjiang"]).get(f"/api/v1/volunteers/records/{record.pk}/").status_code == 404
    assert as_user(personas["qingyang"]).get(f"/api/v1/volunteers/records/{record.pk}/").status_code == 200

    # The volunteer joins another organisation: the records follow again.
    v.organization = personas["orgs"]["jinjiang"]
    v.save(update_fields=["organization"])
    assert ServiceRecord.objects.get(pk=record.pk).scope_region == personas["orgs"]["jinjiang"].region_id

    # Final is still final: nothing else of it changes (deleting is refused too: test_hours).
    for change in ({"hours": 9}, {"status": "recorded", "confirmed_at": None, "confirmed_by": None},
                   {"scope_region": "510105000000", "content": "改"}):
        with pytest.raises(ProgrammingError), transaction.atomic():
            ServiceRecord.objects.filter(pk=record.pk).update(**change)
