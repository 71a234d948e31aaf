"""Benchmarks: ratios against a baseline measured in the same run.

    make bench                # 200,000 people
    make bench ARGS="--people 1000000"
    make bench ARGS="--only volunteers --volunteers 1000000 --volunteer-import-rows 100000"
    make bench ARGS="certificates"   # first-aid certificates (bench/certificates.py)
    make bench ARGS="donations --donations 1000000"   # public lookup and ledger (bench/donations.py)
    make bench ARGS="followups"      # follow-up board and visit rates (bench/followups.py)
    make bench ARGS="plan"   # plan board and the nightly snapshot of every target (bench/plan.py)
    make bench ARGS="emergency"      # readiness matrix and relief stock (bench/emergency.py)
    make bench ARGS="lists"          # every hot API list and lookup at three sizes (bench/lists.py)
    make bench ARGS="surge"          # disaster-day surge: locust against gunicorn as `make run` (bench/surge.py)

    make bench                       # every suite at its quick size, then bench/RESULTS.md (bench/results.py)
    make bench ARGS=--city           # every suite at the city's scale (lists at 100k, 1M and 10M rows)

Runs in its own database (<name>_bench) next to DATABASE_URL's, seeded once
with generate_series, so the numbers do not depend on what a developer typed
into the demo. Each measurement prints the platform's time, the time of the
raw SQL (+ JSON encoding) for the same rows, and their ratio. Not part of the
test suite's pass/fail.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_database_url(url, suffix="_bench"):
    parts = urlsplit(url)
    name = (parts.path.lstrip("/") or "redcross") + suffix
    return urlunsplit(parts._replace(path=f"/{name}")), name


def seedless_name(url):
    """The copy every bench database starts from: migrated, the demo loaded, no bench rows (<name>_seedless)."""
    return (urlsplit(url).path.lstrip("/") or "redcross") + "_seedless"


def ensure_database(url, name, seedless=None):
    """Create the bench database when missing, as a copy of `seedless` when there is one; True if created."""
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        held = {row[0] for row in conn.execute("SELECT datname FROM pg_database")}
        if name in held:
            return False
        template = f' TEMPLATE "{seedless}"' if seedless in held else ""
        conn.execute(f'CREATE DATABASE "{name}"{template}')
        return not template


def keep_seedless(url, seedless):
    """Copy the just migrated and bootstrapped database as `seedless` (its connections closed first)."""
    import psycopg
    from django.db import connections

    connections.close_all()
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [seedless]).fetchone():
            conn.execute(f'CREATE DATABASE "{seedless}" TEMPLATE "{urlsplit(url).path.lstrip("/")}"')


def timed(func, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def report(name, platform, baseline, goal=None):
    """Print one figure against its baseline; `goal` is the allowed p95 ratio (guessed from the name if None)."""
    p50, p95 = platform
    b50, b95 = baseline
    print(f"{name:<44} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms | raw SQL p50 {b50:6.2f} ms p95 {b95:6.2f} ms "
          f"| ratio p95 {p95 / b95:5.2f}x", flush=True)
    from results import RECORDED  # one list, whether this file runs as __main__ or is imported as `run`

    RECORDED.append({"name": name, "p50": p50, "p95": p95, "b50": b50, "b95": b95, "goal": goal})


def growth(name, measured, goal=1.5, pages=None):
    """One figure at growing sizes: [(rows, ((p50, p95), (raw p50, raw p95)))], smallest first.

    The report prints the sizes side by side; `goal` is the largest allowed p95 growth from the smallest size to
    the largest. `pages`, one per size, says which page a deep page read at each (the report shows it).
    """
    from results import RECORDED

    first, last = measured[0][1][0][1], measured[-1][1][0][1]
    print(f"{name:<52} growth p95 " + "  ".join(f"{size:,}: {figures[0][1]:.2f} ms" for size, figures in measured)
          + f" | ×{last / first:.2f}", flush=True)
    RECORDED.append({"name": name, "goal": goal, "growth": [
        {"rows": size, "p50": p50, "p95": p95, "b50": b50, "b95": b95, **({"page": pages[i]} if pages else {})}
        for i, (size, ((p50, p95), (b50, b95))) in enumerate(measured)]})


def figure(name, value, unit, baseline=None, goal=None, better="lower", area=None):
    """A figure measured some other way (rows/s, requests/s, seconds, MB), for the report's generic table.

    `baseline` (same unit, same run) makes a ratio; `goal` bounds the ratio when there is a baseline, else the
    value itself; `better` says which way is good ("lower" or "higher"); `area` names the issue's goal it
    serves (e.g. "surge", "import", "export", "recompute"), guessed from the name when None.
    """
    from results import RECORDED

    ratio = f" | baseline {baseline:,.2f} {unit}, ratio {value / baseline:.2f}" if baseline else ""
    print(f"{name:<52} {value:,.2f} {unit}{ratio}", flush=True)
    RECORDED.append({"name": name, "value": value, "unit": unit, "baseline": baseline, "goal": goal,
                     "better": better, "area": area})


def record_profile(name, spent):
    """Milliseconds per request by where they go (bench/lists.py's cProfile buckets), for the report."""
    from results import RECORDED

    RECORDED.append({"profile": name, "spent": spent})


def note(text):
    """A figure without a baseline (imports in rows per second, a recompute against its budget)."""
    from results import RECORDED

    print(text, flush=True)
    RECORDED.append({"note": text})


def seed_people(target):
    from django.db import connection

    from people.models import Person

    have = Person.objects.count()
    if have >= target:
        return have
    print(f"seeding {target - have:,} people …", flush=True)
    with connection.cursor() as cursor:
        # Triggers (history) are left on: the list must be fast on the real table.
        cursor.execute(
            """
            INSERT INTO people_person (full_name, document_type, document_number_encrypted, document_number_hash,
                document_number_masked, birth_date, sex, mobile_encrypted, mobile_hash, mobile_masked, region_id,
                created_at, updated_at)
            SELECT '测试' || g, 'resident_id', 'gAAAA-bench-' || g, md5('doc' || g) || md5('d' || g),
                   '510104********' || lpad((mod(g, 10000))::text, 4, '0'), DATE '1960-01-01' + mod(g, 18000),
                   CASE WHEN mod(g, 2) = 0 THEN 'F' ELSE 'M' END, 'gAAAA-bench-m' || g,
                   md5('mob' || g) || md5('m' || g),
                   '138****' || lpad((mod(g, 10000))::text, 4, '0'),
                   (SELECT code FROM organizations_region WHERE level = 'community' ORDER BY code
                    OFFSET mod(g, 3047) LIMIT 1),
                   now(), now()
            FROM generate_series(%s, %s) AS g
            """,
            [have + 1, target],
        )
        cursor.execute("ANALYZE people_person")
    return Person.objects.count()


def setup_bench_django(suffix="_bench"):
    """Point Django at the bench database (created when missing: from tests/schema.sql when it matches the
    migrations, else empty), migrate it and load the demo data."""
    url, name = bench_database_url(os.environ["DATABASE_URL"], suffix)
    seedless = seedless_name(os.environ["DATABASE_URL"])
    created = ensure_database(url, name, seedless)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redcross.settings")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    import django

    django.setup()
    from django.core.management import call_command

    start = time.perf_counter()
    if created:  # as the test template starts: from tests/schema.sql when it matches the migrations
        from django.db import connection

        from tests.database import load_snapshot

        if load_snapshot(connection, name):
            print(f"{name}: loaded from tests/schema.sql in {time.perf_counter() - start:.0f} s", flush=True)
    call_command("migrate", verbosity=0)
    call_command("bootstrap", verbosity=0)
    print(f"{name}: migrated and bootstrapped in {time.perf_counter() - start:.0f} s", flush=True)
    if created:  # the next bench database (another suite's, or this one made again) starts from a copy
        keep_seedless(url, seedless)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--import-rows", type=int, default=20_000)
    parser.add_argument("--volunteers", type=int, default=200_000)
    parser.add_argument("--volunteer-import-rows", type=int, default=20_000)
    parser.add_argument("--only", choices=["people", "volunteers"], help="run one suite")
    args = parser.parse_args()

    setup_bench_django()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from rest_framework.test import APIClient

    from organizations.services import coverage_recompute
    from people.models import Person

    total = seed_people(max(args.people, args.volunteers if args.only != "people" else 0))
    print(f"people: {total:,}; runs per measurement: {args.runs}")
    user = get_user_model().objects.get(username="jinjiang_staff")
    client = APIClient()
    client.force_authenticate(user=user)
    client.get("/api/v1/people/persons/?page_size=50")  # warm the user's scope and permissions

    # 1. API list page, first page, scoped to 锦江区.
    list_sql = """
        SELECT p.id, p.full_name, p.document_type, p.document_number_masked, p.birth_date, p.sex, p.mobile_masked,
               p.region_id, r.name
        FROM people_person p JOIN organizations_region r ON r.code = p.region_id
        WHERE p.region_id LIKE '510104%%' ORDER BY p.id DESC LIMIT 51"""

    def raw(sql, params=()):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            json.dumps([list(map(str, row)) for row in rows])
        return run

    def api(url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, response.content[:200]
            response.content  # noqa: B018 - render the JSON
        return run

    if args.only == "volunteers":
        return run_volunteers(args, client, raw, api, user)

    report("API people list, page 1 (锦江区 scope)", timed(api("/api/v1/people/persons/?page_size=50"), args.runs),
           timed(raw(list_sql), args.runs))

    # 2. The same list deep down: a cursor far into the table.
    in_scope = Person.objects.filter(region__code__startswith="510104").order_by("-id").values_list("id", flat=True)
    pages = max(1, min(80, in_scope.count() // 50 - 1))
    next_url, page = "/api/v1/people/persons/?page_size=50", 0
    while page < pages:
        following = client.get(next_url).json()["next"]
        if not following:
            break
        next_url, page = following, page + 1
    deep_id = in_scope[page * 50 - 1] if page else in_scope[0] + 1
    deep_sql = list_sql.replace("ORDER BY", f"AND p.id < {deep_id} ORDER BY")
    report(f"API people list, page {page + 1} (cursor)", timed(api(next_url), args.runs),
           timed(raw(deep_sql), args.runs))

    # 3. Region list, whole city (3,347 rows in pages of 50).
    region_sql = """SELECT r.code, r.name, r.level, r.parent_id, p.name, r.zone, r.is_home_city
        FROM organizations_region r LEFT JOIN organizations_region p ON p.code = r.parent_id
        WHERE r.code LIKE '510104%%' ORDER BY r.code LIMIT 51"""
    report("API region list (锦江区 scope)", timed(api("/api/v1/organizations/regions/?page_size=50"), args.runs),
           timed(raw(region_sql), args.runs))

    # 4. Coverage for the whole city, against one aggregate query of the same facts.
    cover_sql = """SELECT t.code, EXISTS (SELECT 1 FROM organizations_organization o WHERE o.region_id = t.code
        AND o.kind = 'town_organization' AND o.is_active AND o.has_premises AND o.has_regular_work)
        FROM organizations_region t WHERE t.level IN ('town', 'community')"""
    runs = max(5, args.runs // 20)
    report("coverage recompute, whole city", timed(coverage_recompute, runs), timed(raw(cover_sql), runs))
    p50, _ = timed(coverage_recompute, 3)
    note(f"coverage recompute for {3347:,} regions: {p50 / 1000:.2f} s (budget 5 s)")

    bench_import(args.import_rows, user)
    if args.only is None:
        run_volunteers(args, client, raw, api, user)


def run_volunteers(args, client, raw, api, user):
    from bench import volunteers

    print(f"volunteers: {volunteers.seed_volunteers(args.volunteers):,}")
    client.get("/api/v1/volunteers/volunteers/?page_size=50")
    volunteers.bench_list(client, raw, api, timed, report, args.runs)
    volunteers.bench_import(args.volunteer_import_rows, user)


def generated_id(serial):
    """A valid, unique resident ID number for a serial below 20,000,000 (1,000 a day from 1940)."""
    from datetime import date, timedelta

    from people.identifiers import id_check_character

    born = date(1940, 1, 1) + timedelta(days=serial // 1000)
    first17 = f"510104{born:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_check_character(first17)


def run_import(kind, header, make_row, rows, user, what, budget):
    """Generate an Excel file of `rows` rows and run it through the import pipeline (the worker's code path)."""
    import io
    import random

    from openpyxl import Workbook

    from organizations.selectors import staff_home_region
    from redcross.imports import import_run
    from redcross.models import ImportJob

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    start_seq = random.randrange(0, 20_000_000 - rows)  # a fresh range of ID numbers each run
    for n in range(rows):
        sheet.append(make_row(n, start_seq + n))
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = ImportJob.objects.create(kind=kind, file_name="bench.xlsx", content=buffer.getvalue(), created_by=user,
                                   region=staff_home_region(user), import_good_rows=True)
    start = time.perf_counter()
    import_run(job.pk)
    elapsed = time.perf_counter() - start
    job.refresh_from_db()
    note(f"import of {rows:,} {what} from Excel: {elapsed:.1f} s, {job.total_rows / elapsed:,.0f} rows/s "
         f"validated and written ({job.imported_rows:,} written, {job.bad_rows:,} bad; budget {budget})")


def bench_import(rows, user):
    run_import("people.person", ["姓名", "证件类型", "证件号码", "手机号码", "区划代码"],
               lambda n, serial: [f"导入{serial}", "居民身份证", generated_id(serial), f"139{serial % 10**8:08d}",
                                  "510104022006"],
               rows, user, "people", "3,000 rows/s")


if __name__ == "__main__":
    # `make bench` runs every suite and writes bench/RESULTS.md (bench/results.py); `make bench ARGS="donations …"`
    # runs one: this file's own people/volunteers suite, or any bench/<name>.py with a main().
    import atexit

    from results import RECORDED, SUITES, run_all, save_suite

    if sys.argv[1:2] in ([], ["--city"]) or sys.argv[1:2] == ["all"]:
        sys.exit(run_all(city="--city" in sys.argv))
    if sys.argv[1:2] and sys.argv[1] in SUITES():
        name = sys.argv.pop(1)
        atexit.register(save_suite, name, RECORDED)
        if name in ("people", "volunteers"):
            main()
        else:
            import importlib.util

            spec = importlib.util.spec_from_file_location(f"bench_{name}", Path(__file__).with_name(f"{name}.py"))
            suite = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(suite)
            suite.main()
    else:
        atexit.register(save_suite, "people", RECORDED)
        main()
