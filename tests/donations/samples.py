"""锦江 samples for the donations app, shared by its tests and the platform's scope and query walks."""

import itertools
from datetime import date

from donations import models, services
from donations.choices import FundKind
from organizations.models import Region
from people import services as people_services
from redcross.testing import make_staff, person_factory_kwargs

_codes = itertools.count(1)
_keys = itertools.count(1)


def second_finance(personas):
    """A second finance officer: a request needs an approver other than its requester."""
    return make_staff("t_finance2", personas["orgs"]["city"], "finance")


def fund(personas, kind=FundKind.PROJECT, org="jinjiang", name=None, **extra):
    n = next(_codes)
    fields = {"code": f"T{n:04d}", "name": name or f"锦江测试项目{n}", "kind": kind, "purpose": "测试用途",
              "organization": personas["orgs"][org], "budget": "100000", "starts_on": date(2025, 1, 1),
              "management_cost_rate": "0.05"}
    if kind == FundKind.COMMUNITY_CARE:
        fields["community"] = Region.objects.filter(code__startswith="510104022", level="community").first()
    fields.update(extra)
    return services.fund_create(actor=personas["city_admin"], **fields)


def donor(personas, name="张爱心", publish=True, mobile="13900000001"):
    return services.donor_create(actor=personas["jinjiang"], kind="individual", name=name, mobile=mobile,
                                 publish_name=publish)


def gift(personas, to_fund, amount="100.00", confirm=True, giver=None):
    donation = services.donation_record(actor=personas["jinjiang"], fund=to_fund, amount=amount,
                                        channel="cash", donor=giver or donor(personas))
    if confirm:
        donation = services.donation_confirm(donation=donation, actor=personas["finance"])
    return donation


def disbursement(personas, from_fund, amount="50.00", approve=False):
    d = services.disbursement_request(actor=personas["finance"], fund=from_fund, beneficiary_kind="emergency",
                                      beneficiary_name="锦江区防汛救灾", amount=amount, purpose="救灾物资采购")
    if approve:
        d = services.disbursement_approve(disbursement=d, actor=second_finance(personas))
    return d


def aid_case(personas, n=31):
    person = people_services.person_create(**person_factory_kwargs(n, "510104022000"))
    return services.aid_case_create(actor=personas["jinjiang"], person=person, category="illness",
                                    situation="白血病，家庭困难", assistance="医疗救助", opened_on=date(2025, 6, 1))


def pledge_key():
    return f"test-pledge-{next(_keys)}"


# For redcross/tests/test_scope.py SAMPLES: one 锦江 object per model.
def sample_donor(personas):
    return donor(personas, name="锦江样本捐赠人", mobile="13900000099")


def sample_fund(personas):
    return fund(personas, name="锦江样本项目")


def sample_donation(personas):
    return gift(personas, fund(personas), amount="10.00")


def sample_disbursement(personas):
    source = fund(personas)
    gift(personas, source, amount="100.00")
    return disbursement(personas, source, amount="20.00")


def sample_disclosure(personas):
    source = fund(personas, kind=FundKind.EMERGENCY)
    return services.disclosure_publish(kind="emergency", fund=source, period_start=date(2025, 1, 1),
                              period_end=date(2025, 1, 5), due_on=date(2025, 1, 6))


def sample_aid_case(personas):
    return aid_case(personas, n=32)


def sample_statement(personas):
    pledge = services.donation_pledge(key=pledge_key(), fund=fund(personas), amount="66.00", name="锦江样本",
                                      mobile="13900000088")
    content = f"交易日期,交易流水号,附言,贷方发生额\n2026-11-02,JJ{pledge.pk:06d},{pledge.reference_code},66.00\n"
    return services.bank_statement_import(actor=personas["finance"], organization=personas["orgs"]["jinjiang"],
                                          file_name="锦江样本流水.csv", content=content.encode())


SAMPLES = {
    models.Donor: sample_donor, models.Fund: sample_fund, models.Donation: sample_donation,
    models.Disbursement: sample_disbursement, models.AidCase: sample_aid_case, models.Disclosure: sample_disclosure,
    models.BankStatement: sample_statement,
}


def many(personas, count=8):
    """More than a page of 5 of every list, for the query-count walk."""
    source = fund(personas, kind=FundKind.EMERGENCY)
    for n in range(count):
        fund(personas)
        gift(personas, source, "100.00", giver=donor(personas, name=f"捐赠人{n}", mobile=f"1390000{n:04d}"))
        disbursement(personas, source, "10.00", approve=n % 2 == 0)
        aid_case(personas, n=400 + n)
        services.disclosure_publish(kind="emergency", fund=source, period_start=date(2025, 1 + n, 1),
                                    period_end=date(2025, 1 + n, 5), due_on=date(2025, 1 + n, 6))
