"""The demo data goes through the services and a second bootstrap adds nothing."""

import pytest
from django.core.management import call_command

from donations.models import Disbursement, Disclosure, Donation, Fund
from donations.selectors import ledger_totals

pytestmark = pytest.mark.django_db


def test_bootstrap_adds_the_donation_demo_once_and_the_books_balance(platform_data):
    call_command("bootstrap", verbosity=0)
    counts = (Donation.objects.count(), Disbursement.objects.count(), Disclosure.objects.count())
    assert counts[0] == 300 and counts[1] >= 8 and counts[2] >= 1
    call_command("bootstrap", verbosity=0)
    assert (Donation.objects.count(), Disbursement.objects.count(), Disclosure.objects.count()) == counts
    for fund in Fund.objects.all():
        assert ledger_totals(fund)["balance"] == fund.balance, fund.code
    assert Disbursement.objects.filter(reverses__isnull=False).count() == 1
    assert Fund.objects.filter(kind="community_care").count() == 2
