"""Benchmark of first-aid certificates: verification lookup and the expiring list against raw SQL.

    make bench ARGS="certificates"                             # 500,000 certificates
    make bench ARGS="certificates --certificates 1000000 --runs 300"

Runs in the same bench database as bench/run.py (<name>_bench), seeded once
with COPY (redcross.imports.copy_insert). Each line prints the platform's p50
and p95, those of the raw SQL (+ JSON encoding) for the same rows measured in
the same run, and the p95 ratio. Not part of the test suite's pass/fail.
"""

import argparse
import json
import os
import random
import secrets
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import report, setup_bench_django, timed  # noqa: E402

BATCH = 50_000


def seed_holders(target):
    """Certificate holders: `target` people of their own (a hash prefix of their own), inserted in one statement."""
    from django.db import connection

    from people.models import Person

    have = Person.objects.filter(document_number_encrypted__startswith="gAAAA-holder-").count()
    if have >= target:
        return
    print(f"seeding {target - have:,} certificate holders …", flush=True)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO people_person (full_name, document_type, document_number_encrypted, document_number_hash,
                document_number_masked, birth_date, sex, mobile_encrypted, mobile_hash, mobile_masked, region_id,
                created_at, updated_at)
            SELECT '持证人' || g, 'resident_id', 'gAAAA-holder-' || g, md5('holder' || g) || md5('h' || g),
                   '510104********' || lpad((mod(g, 10000))::text, 4, '0'), DATE '1960-01-01' + mod(g, 18000),
                   CASE WHEN mod(g, 2) = 0 THEN 'F' ELSE 'M' END, '', '', '',
                   (ARRAY(SELECT code FROM organizations_region WHERE level = 'community' ORDER BY code))
                       [1 + mod(g, 3047)],
                   now(), now()
            FROM generate_series(%s, %s) AS g
            """,
            [have + 1, target],
        )
        cursor.execute("ANALYZE people_person")


def seed_certificates(target):
    from django.db import connection, transaction

    from organizations.models import Organization
    from people.models import Person
    from redcross.imports import copy_insert
    from training.catalogue import catalogue_load
    from training.models import Certificate, Course

    catalogue_load()
    have = Certificate.objects.count()
    if have >= target:
        return have
    print(f"seeding {target - have:,} certificates with COPY …", flush=True)
    course = Course.objects.get(code="first-aider-16")
    issuers = list(Organization.objects.filter(kind="district_society", region__is_home_city=True)
                   .select_related("region"))
    people = list(Person.objects.filter(document_number_encrypted__startswith="gAAAA-holder-")
                  .values_list("id", flat=True))
    today = date.today()
    rng = random.Random(have)
    start = time.perf_counter()
    for batch_start in range(have, target, BATCH):
        rows = []
        for n in range(batch_start, min(target, batch_start + BATCH)):
            issuer = issuers[n % len(issuers)]
            issued = today - timedelta(days=rng.randrange(0, 4 * 365))
            rows.append(Certificate(
                # A "B" after the year: bench numbers never meet the platform's own series.
                number=f"{issuer.region_id[:6]}{issued.year}B{n:07d}",
                person_id=people[n % len(people)], course=course, organization=issuer, issued_on=issued,
                expires_on=issued.replace(year=issued.year + 3) if not (issued.month == 2 and issued.day == 29)
                else issued.replace(year=issued.year + 3, day=28),
                verification_code=secrets.token_urlsafe(12),
            ))
        with transaction.atomic():
            copy_insert(Certificate, rows)
        print(f"  {batch_start + len(rows):,} ({(batch_start + len(rows) - have) / (time.perf_counter() - start):,.0f}"
              " rows/s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE training_certificate")
    return Certificate.objects.count()


def seed_service_certificates(target):
    """Volunteer service certificates (ZYZ…) over the volunteers already there, with COPY."""
    from django.db import connection, transaction

    from redcross.imports import copy_insert
    from volunteers.models import ServiceCertificate, Volunteer

    have = ServiceCertificate.objects.count()
    if have >= target:
        return have
    volunteers = list(Volunteer.objects.values_list("id", "organization_id")[:5000])
    print(f"seeding {target - have:,} volunteer service certificates with COPY …", flush=True)
    today = date.today()
    for batch_start in range(have, target, BATCH):
        rows = [ServiceCertificate(
            number=f"ZYZ{2000 + n // 10_000_000}{n % 10_000_000:07d}", volunteer_id=volunteers[n % len(volunteers)][0],
            organization_id=volunteers[n % len(volunteers)][1], hours=Decimal(1 + n % 400),
            content="应急救护培训志愿服务", head_name="负责人", handler_name="经办人", contact="028-00000000",
            issued_on=today - timedelta(days=n % 900))
            for n in range(batch_start, min(target, batch_start + BATCH))]
        with transaction.atomic():
            copy_insert(ServiceCertificate, rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE volunteers_servicecertificate")
    return ServiceCertificate.objects.count()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--certificates", type=int, default=500_000)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--service-certificates", type=int, default=200_000)
    args = parser.parse_args()
    for rate in ("PUBLIC_API_THROTTLE", "LOOKUP_API_THROTTLE", "PUBLIC_LOOKUP_RATE"):
        os.environ[rate] = "100000000/m"  # one client asks hundreds of times: the public limits are not measured

    setup_bench_django()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from rest_framework.test import APIClient

    from training.models import Certificate
    from training.selectors import certificate_for_verification, certificates_expiring

    seed_holders(args.people)
    total = seed_certificates(args.certificates)
    print(f"certificates: {total:,}; runs per measurement: {args.runs}")

    def raw(sql, params_for):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, params_for())
                rows = cursor.fetchall()
            json.dumps([list(map(str, row)) for row in rows])
        return run

    # Numbers as the platform issues them (upper case, at most 20 characters): other suites seed rows of their own
    # into the shared bench database that the public page, which upper-cases what it is given, would not find.
    numbers = list(Certificate.objects.filter(number__regex=r"^[A-Z0-9-]{1,20}$").order_by("?")
                   .values_list("number", flat=True)[:args.runs])

    def cycle(values):
        state = {"i": 0}

        def next_value():
            state["i"] = (state["i"] + 1) % len(values)
            return values[state["i"]]
        return next_value

    verify_sql = """
        SELECT c.number, c.issued_on, c.expires_on, c.renewed_by_id, c.verification_code, p.full_name, k.name,
               k.kind, o.name
        FROM training_certificate c JOIN people_person p ON p.id = c.person_id
        JOIN training_course k ON k.id = c.course_id JOIN organizations_organization o ON o.id = c.organization_id
        WHERE c.number = %s LIMIT 1"""

    # 1. Verification: the selector behind the public page, then the whole public page.
    next_number = cycle(numbers)
    report("verification lookup (selector)", timed(lambda: certificate_for_verification(next_number()), args.runs),
           timed(raw(verify_sql, lambda: [next_number()]), args.runs))
    public = Client()
    addresses = iter(range(10**9))

    def address():
        n = next(addresses)
        return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"

    def page():
        response = public.get(f"/training/verify/{next_number()}/", REMOTE_ADDR=address())
        assert response.status_code == 200, response.status_code
    report("public verification page (render)", timed(page, args.runs),
           timed(raw(verify_sql, lambda: [next_number()]), args.runs))

    # The volunteer service certificate's verification page (ZYZ…), and the one verification page (/verify/).
    from volunteers.models import ServiceCertificate

    seed_service_certificates(args.service_certificates)
    next_service = cycle(list(ServiceCertificate.objects.order_by("?").values_list("number", flat=True)[:args.runs]))
    service_sql = """
        SELECT c.number, c.hours, c.content, c.issued_on, v.number, p.full_name, p.document_type,
               p.document_number_masked, o.name
        FROM volunteers_servicecertificate c JOIN volunteers_volunteer v ON v.id = c.volunteer_id
        JOIN people_person p ON p.id = v.person_id JOIN organizations_organization o ON o.id = c.organization_id
        WHERE c.number = %s LIMIT 1"""
    def volunteer_page():
        response = public.get(f"/volunteer/verify/?number={next_service()}", REMOTE_ADDR=address())
        assert response.status_code == 200 and b"tag-ok" in response.content, response.status_code
    report("public volunteer certificate verification page", timed(volunteer_page, args.runs),
           timed(raw(service_sql, lambda: [next_service()]), args.runs))

    def one_page():
        response = public.get(f"/verify/?number={next_service()}", REMOTE_ADDR=address())
        assert response.status_code == 200, response.status_code
    report("public verification page /verify/ (volunteer certificate)", timed(one_page, args.runs),
           timed(raw(service_sql, lambda: [next_service()]), args.runs))

    # 2. Expiring in the next 90 days, soonest first, API first page, scoped to 锦江区.
    user = get_user_model().objects.get(username="jinjiang_staff")
    api = APIClient()
    api.force_authenticate(user=user)
    api.get("/api/v1/training/certificates/?page_size=50")  # warm the user's scope and permissions
    today = date.today()
    expiring_api_sql = """
        SELECT c.id, c.number, c.person_id, p.full_name, c.course_id, k.name, c.enrolment_id, c.organization_id,
               o.name, c.issued_on, c.expires_on, c.renewed_by_id, c.verification_code
        FROM training_certificate c JOIN organizations_organization o ON o.id = c.organization_id
        JOIN people_person p ON p.id = c.person_id JOIN training_course k ON k.id = c.course_id
        WHERE left(c.scope_region, 6) = '510104' AND c.renewed_by_id IS NULL AND c.expires_on >= %s
          AND c.expires_on <= %s
        ORDER BY c.expires_on LIMIT 51"""

    def api_page():
        response = api.get("/api/v1/training/certificates/?expires_within=90&ordering=expires_on&page_size=50")
        assert response.status_code == 200, response.content[:200]
        response.content  # noqa: B018 - render the JSON
    report("API expiring certificates (锦江区, 90 days)", timed(api_page, args.runs),
           timed(raw(expiring_api_sql, lambda: [today, today + timedelta(days=90)]), args.runs))

    # 3. The expiring list of the whole city, soonest first (portal list and reminder order).
    expiring_sql = """
        SELECT c.id, c.number, p.full_name, k.name, o.name, c.issued_on, c.expires_on
        FROM training_certificate c JOIN organizations_organization o ON o.id = c.organization_id
        JOIN people_person p ON p.id = c.person_id JOIN training_course k ON k.id = c.course_id
        WHERE c.renewed_by_id IS NULL AND c.expires_on >= %s AND c.expires_on <= %s
        ORDER BY c.expires_on, c.id LIMIT 50"""

    def expiring_page():
        rows = list(certificates_expiring(within_days=90)[:50])
        json.dumps([[c.pk, c.number, c.person.masked_name, c.course.name, c.organization.name,
                     str(c.issued_on), str(c.expires_on)] for c in rows])
    report("expiring certificates, city, soonest first", timed(expiring_page, args.runs),
           timed(raw(expiring_sql, lambda: [today, today + timedelta(days=90)]), args.runs))
    count = certificates_expiring(within_days=90).count()
    print(f"certificates expiring within 90 days: {count:,} of {total:,}")


if __name__ == "__main__":
    main()
