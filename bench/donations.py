"""Donations benchmark: the public lookup and the public ledger against raw SQL for the same rows.

    .venv/bin/python scripts/platformctl.py services   # prints DATABASE_URL / REDIS_URL to export
    .venv/bin/python bench/donations.py --donations 1000000

Same database and style as bench/run.py (<name>_bench, ratios measured in
one run). Rows are generated with PostgreSQL COPY, history triggers left on.
"""

import argparse
import os
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import report, setup_bench_django, timed  # noqa: E402

FUNDS = 40
BATCH = 50_000
DISTRICT_GIFTS = 500  # 锦江区's own gifts while the city's fund holds the rest
FLOOD = 200_000  # then the city's fund receives this many more: the district's gifts are now under them


def seed(target):
    """`target` confirmed gifts over FUNDS funds and 3 years, a disbursement per 500 gifts allocated to them."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from donations import money, services
    from donations.models import Allocation, Disbursement, Donation, Fund
    from organizations.models import Organization
    from people import crypto
    from redcross.imports import copy_insert

    have = Donation.objects.filter(note="bench").count()
    city = Organization.objects.get(kind="city_society", region__is_home_city=True)
    funds = []
    for n in range(FUNDS):
        fund = Fund.objects.filter(code=f"BENCH{n:02d}").first() or Fund.objects.create(
            code=f"BENCH{n:02d}", name=f"基准项目{n}", kind="project", purpose="benchmark", organization=city,
            starts_on=date(2023, 1, 1), management_cost_rate=Decimal("0.05"))
        funds.append(fund)
    finance = get_user_model().objects.get(username="finance")
    approver = get_user_model().objects.get(username="city_admin")
    print(f"seeding {max(0, target - have):,} donations with COPY …", flush=True)
    start = time.perf_counter()
    first_day = date(2023, 1, 1)
    now = timezone.now()
    for batch_start in range(have, max(have, target), BATCH):
        rows = []
        for n in range(batch_start, min(target, batch_start + BATCH)):
            day = first_day + timedelta(days=n * 1000 // target)
            name = f"捐赠人{n}"
            rows.append(Donation(
                organization=city, donor=None, is_anonymous=True, fund=funds[n % FUNDS], kind="money",
                channel="bank_transfer", amount=Decimal(10 + n % 990), status="confirmed", received_on=day,
                confirmed_at=now, confirmed_by=finance, confirmed_via="staff", bank_reference=f"B{n}",
                receipt_number=f"{2023 + n // 400_000}-{n % 400_000 + 1:06d}", public_name=name if n % 3 else "",
                lookup_name_hash=money.lookup_name_hash(name),
                lookup_mobile_hash=crypto.mobile_hash(f"139{n:08d}"), note="bench"))
        with transaction.atomic():
            copy_insert(Donation, rows)
    print(f"  {max(0, target - have):,} rows in {time.perf_counter() - start:.0f} s", flush=True)
    seed_district(DISTRICT_GIFTS, finance, now)
    flood = Donation.objects.filter(note="bench-flood").count()
    if flood < FLOOD:  # the city's gifts of the day after, every one newer than the district's
        copy_insert(Donation, [Donation(
            organization=city, donor=None, is_anonymous=True, fund=funds[0], kind="money", channel="online",
            amount=Decimal(100), status="confirmed", received_on=date(2025, 12, 1), confirmed_at=now,
            confirmed_by=finance, confirmed_via="staff", bank_reference=f"F{n}", receipt_number=f"FL-{n:07d}",
            note="bench-flood") for n in range(flood, FLOOD)])
    with connection.cursor() as cursor:
        cursor.execute("""UPDATE donations_fund f SET received = s.total FROM (
            SELECT fund_id, SUM(amount) AS total FROM donations_donation WHERE status = 'confirmed'
            GROUP BY fund_id) s WHERE s.fund_id = f.id""")
    # The running ledger of the copied gifts (the services keep it from here on, as the data migration started it).
    from donations.selectors import ledger_months_rebuild

    ledger_months_rebuild()
    # Disbursements through the real service, allocated to each fund's oldest gifts.
    for fund in funds[:4] if not Allocation.objects.filter(donation__note="bench").exists() else []:
        fund.refresh_from_db()
        for _ in range(50):
            request = services.disbursement_request(actor=approver, fund=fund, beneficiary_kind="emergency",
                                                    beneficiary_name="基准救援", purpose="基准拨付",
                                                    amount=str((fund.received / 100).quantize(Decimal("1"))))
            services.disbursement_approve(disbursement=request, actor=finance)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE donations_donation")
        cursor.execute("VACUUM ANALYZE donations_allocation")
    print(f"  allocations: {Allocation.objects.count():,}; disbursements: {Disbursement.objects.count():,}")
    return Donation.objects.filter(note="bench").count()


def seed_district(target, finance, now):
    """`target` gifts to 锦江区's society, beside the city fund's million: its staff's list is measured."""
    from django.db import transaction

    from donations.models import Donation, Fund
    from organizations.models import Organization
    from redcross.imports import copy_insert

    have = Donation.objects.filter(note="bench-district").count()
    if have >= target:
        return
    society = Organization.objects.get(kind="district_society", region_id="510104000000")
    fund = Fund.objects.filter(code="BENCHJJ").first() or Fund.objects.create(
        code="BENCHJJ", name="锦江区基准项目", kind="project", purpose="benchmark", organization=society,
        starts_on=date(2023, 1, 1), management_cost_rate=Decimal("0.05"))
    with transaction.atomic():
        copy_insert(Donation, [Donation(
            organization=society, donor=None, is_anonymous=True, fund=fund, kind="money", channel="cash",
            amount=Decimal(50 + n), status="confirmed", received_on=date(2025, 1, 1) + timedelta(days=n % 300),
            confirmed_at=now, confirmed_by=finance, confirmed_via="staff", bank_reference=f"JJ{n}",
            receipt_number=f"JJ-{n + 1:06d}", note="bench-district") for n in range(have, target)])


def district_list(runs):
    """A district's own list while the city's fund holds nearly every gift, its latest FLOOD among them (the day
    after an earthquake): a 锦江区 staffer's page 1 and page 5 through the API, against the SQL the platform
    sends for each."""
    from lists import Reader

    reader = Reader(runs)
    first = "/api/v1/donations/donations/?page_size=50"
    name, figures, _queries = reader.measure("API donations list, 锦江区, city fund holds the rest, page 1", first,
                                             "donations_donation")
    report(name, *figures)
    url = first
    for _ in range(4):
        url = reader.get(url).json()["next"]
    name, figures, _queries = reader.measure("API donations list, 锦江区, city fund holds the rest, page 5 (cursor)",
                                             url, "donations_donation")
    report(name, *figures)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--donations", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--district-only", action="store_true", help="only the district's list (section 4)")
    args = parser.parse_args()

    os.environ["PUBLIC_API_THROTTLE"] = "100000000/min"  # the benchmark is one client asking many times
    setup_bench_django()
    import json

    from django.db import connection
    from django.test import Client

    from donations.models import Allocation, Donation, Fund

    total = seed(args.donations)
    print(f"donations: {Donation.objects.count():,} ({total:,} generated); runs per measurement: {args.runs}")
    client = Client()

    def raw(sql, params=()):
        def run():
            with connection.cursor() as cursor:
                for statement, values in (sql if isinstance(sql, list) else [(sql, params)]):
                    cursor.execute(statement, values)
                    json.dumps([list(map(str, row)) for row in cursor.fetchall()])
        return run

    def get(url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, response.content[:200]
        return run

    district_list(args.runs)
    if args.district_only:
        return
    # 1. Public lookup of a gift that funded a disbursement, by receipt number and mobile.
    allocated = (Allocation.objects.filter(donation__bank_reference__regex=r"^B[0-9]+$").order_by("donation_id")
                 .values_list("donation_id", flat=True).first())
    donation = Donation.objects.get(pk=allocated)
    n = int(donation.bank_reference[1:])
    body = {"receipt_number": donation.receipt_number, "mobile": f"139{n:08d}"}

    # Each lookup from its own address, as a crowd of donors would: the per-address limits still count every one.
    addresses = iter(range(10**9))

    def address():
        n = next(addresses)
        return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"

    def lookup():
        response = client.post("/api/v1/donations/public/lookup/", body, content_type="application/json",
                               REMOTE_ADDR=address())
        assert response.status_code == 200 and response.json()["spent_on"], response.content[:200]

    lookup_sql = [
        ("""SELECT d.receipt_number, d.status, d.kind, d.channel, d.amount, d.goods_description, d.received_on,
                   f.code, f.name, o.name, d.receipt_declined, d.allocated, d.lookup_name_hash, d.lookup_mobile_hash
            FROM donations_donation d JOIN donations_fund f ON f.id = d.fund_id
            JOIN organizations_organization o ON o.id = d.organization_id
            WHERE d.receipt_number = %s AND d.status = 'confirmed'""", [donation.receipt_number]),
        ("""SELECT a.disbursement_id, a.amount, b.purpose, b.beneficiary_name, b.status, b.reverses_id, b.approved_at
            FROM donations_allocation a JOIN donations_disbursement b ON b.id = a.disbursement_id
            WHERE a.donation_id = %s ORDER BY a.id""", [donation.pk]),
    ]
    report("public lookup API (receipt + mobile)", timed(lookup, args.runs), timed(raw(lookup_sql), args.runs))

    def lookup_page():
        response = client.post("/transparency/lookup/", body, REMOTE_ADDR=address())
        assert b"lookup-result" in response.content

    report("public lookup page (HTML)", timed(lookup_page, args.runs), timed(raw(lookup_sql), args.runs))

    # Where a receipt's QR code leads: the receipt is genuine, and what its gift funded.
    def receipt_page():
        response = client.get(f"/transparency/receipts/{donation.receipt_number}/", REMOTE_ADDR=address())
        assert response.status_code == 200 and b"trace" in response.content, response.status_code

    receipt_sql = [
        ("""SELECT d.receipt_number, d.amount, d.received_on, d.allocated, d.kind, d.goods_description, f.code,
                   f.name, o.name FROM donations_donation d JOIN donations_fund f ON f.id = d.fund_id
            JOIN organizations_organization o ON o.id = d.organization_id
            WHERE d.receipt_number = %s AND d.status = 'confirmed'""", [donation.receipt_number]),
        lookup_sql[1],
    ]
    report("public receipt verification page (HTML)", timed(receipt_page, args.runs),
           timed(raw(receipt_sql), args.runs))

    # 2. The ledger page of one project (1/FUNDS of the rows), and of the whole society (every row).
    fund = Fund.objects.get(code="BENCH00")
    since = date.today().replace(day=1) - timedelta(days=370)
    ledger_sql = lambda where, params: [  # noqa: E731
        (
            f"SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM donations_donation WHERE status = 'confirmed' {where}",
            params,
        ),
        (
            f"""SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM donations_disbursement
             WHERE status IN ('approved', 'paid') {where}""",
            params,
        ),
        (
            f"""SELECT date_trunc('month', received_on), SUM(amount) FROM donations_donation
             WHERE status = 'confirmed' AND received_on >= %s {where} GROUP BY 1""",
            [since, *params],
        ),
        (
            f"""SELECT date_trunc('month', approved_at), SUM(amount) FROM donations_disbursement
             WHERE status IN ('approved', 'paid') AND approved_at >= %s {where} GROUP BY 1""",
            [since, *params],
        ),
        (
            f"""SELECT d.receipt_number, d.public_name, d.amount, d.received_on, f.name FROM donations_donation d
             JOIN donations_fund f ON f.id = d.fund_id
             WHERE d.status = 'confirmed' {where.replace("fund_id", "d.fund_id")}
             ORDER BY d.received_on DESC, d.id DESC LIMIT 20""",
            params,
        ),
    ]
    runs = max(10, args.runs // 10)
    report(
        f"ledger page, one project ({fund.received and Donation.objects.filter(fund=fund).count():,} gifts)",
        timed(get(f"/transparency/funds/{fund.code}/"), runs),
        timed(raw(ledger_sql("AND fund_id = %s", [fund.pk])), runs),
    )
    report("public ledger API, one project", timed(get(f"/api/v1/donations/public/ledger/?fund={fund.code}"), runs),
           timed(raw(ledger_sql("AND fund_id = %s", [fund.pk])[:4]), runs))
    report("ledger page, whole society (all gifts)", timed(get("/transparency/"), runs),
           timed(raw(ledger_sql("", [])), runs))

    # The same pages with their summaries recomputed on every request (as after each confirmation).
    from donations.selectors import ledger_changed

    def cold(url):
        def run():
            ledger_changed()
            get(url)()
        return run

    report("ledger page, one project, summary recomputed", timed(cold(f"/transparency/funds/{fund.code}/"), runs),
           timed(raw(ledger_sql("AND fund_id = %s", [fund.pk])), runs))
    report("ledger page, whole society, summary recomputed", timed(cold("/transparency/"), runs),
           timed(raw(ledger_sql("", [])), runs))

    # 3. The whole-society ledger computed from scratch, by fund and month, as the nightly totals check does it,
    # against the raw SQL of the same two grouped scans: no slower (goal 4).
    from django.conf import settings

    from donations.selectors import ledger_months_recomputed, totals_drift

    scratch_sql = [
        ("""SELECT fund_id, date_trunc('month', received_on), SUM(amount),
                   COUNT(*) FILTER (WHERE reverses_id IS NULL), COUNT(*) FILTER (WHERE reverses_id IS NOT NULL)
            FROM donations_donation WHERE status = 'confirmed' GROUP BY 1, 2""", []),
        ("""SELECT fund_id, date_trunc('month', approved_at AT TIME ZONE %s), SUM(amount), COUNT(*),
                   COUNT(*) FILTER (WHERE reverses_id IS NOT NULL)
            FROM donations_disbursement WHERE status IN ('approved', 'paid') GROUP BY 1, 2""", [settings.TIME_ZONE]),
    ]
    report("whole-society ledger from scratch (by fund and month)", timed(ledger_months_recomputed, runs),
           timed(raw(scratch_sql), runs), goal=1.0)

    start = time.perf_counter()
    drift = totals_drift()
    print(f"totals check of donations (funds, ledger months, gifts' spent shares): {len(drift)} drifted, "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
