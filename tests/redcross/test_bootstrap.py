"""`make run`'s bootstrap: the demo platform is consistent, and a second run adds nothing."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from organizations.models import Organization
from people.models import Person
from volunteers.models import Activity, ServiceCertificate, ServiceRecord, Volunteer

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (Organization, Person, Volunteer, Activity, ServiceRecord,
                                                ServiceCertificate)]


def test_bootstrap_builds_a_consistent_demo_once(capsys):
    call_command("bootstrap")
    first = counts()
    organizations, people, volunteers, activities, records, certificates = first
    assert organizations > 2000 and people >= 100 and volunteers >= 60 and activities >= 50 and records > 500
    assert certificates == 1
    assert Volunteer.objects.filter(status="applied").exists()  # applications waiting for review
    assert Volunteer.objects.filter(stars__gte=1).exists()
    for volunteer in Volunteer.objects.all():
        confirmed = volunteer.service_records.filter(status="confirmed").aggregate(total=Sum("hours"))["total"] or 0
        assert volunteer.confirmed_hours == confirmed, volunteer.number

    call_command("bootstrap")
    assert counts() == first
    assert "0 organisations, 0 users, 0 people, 0 volunteers added" in capsys.readouterr().out
