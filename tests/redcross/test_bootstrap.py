"""`make run`'s bootstrap: the demo platform is consistent, and a second run adds nothing.

One test runs bootstrap twice and checks every app's demo: bootstrap is the slowest thing in the suite.
"""

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
    from donations.models import Disbursement, Disclosure, Donation, Fund
    from donations.selectors import ledger_totals

    call_command("bootstrap")
    first = counts()
    gifts = (Donation.objects.count(), Disbursement.objects.count(), Disclosure.objects.count())
    assert gifts[0] == 300 and gifts[1] >= 8 and gifts[2] >= 1
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
    # The donations demo goes through the services, a second run adds nothing, and the books balance.
    assert (Donation.objects.count(), Disbursement.objects.count(), Disclosure.objects.count()) == gifts
    for fund in Fund.objects.all():
        assert ledger_totals(fund)["balance"] == fund.balance, fund.code
    assert Disbursement.objects.filter(reverses__isnull=False).count() == 1
    assert Fund.objects.filter(kind="community_care").count() == 2
