"""Every hot API list — page 1, a deep cursor page, a detail read — and the public lookups, at growing sizes.

The deep page is page 80 (--depth), or the deepest page of a whole 50 rows where a size holds fewer: a short last
page reads a few rows and would make the smallest size look cheaper than it is (goal 3 compares the sizes).

    make bench ARGS="lists"                                   # quick sizes (20,000 → 100,000 → 400,000 rows)
    make bench ARGS="lists --sizes 100000,1000000,10000000"   # the city's growth check (what --city runs)
    make bench ARGS="lists --sizes 50000 --only people,donations --profile"   # one size, cProfile the slow ones

Runs in its own database (<name>_lists) so that the sizes are exactly what is asked: it is dropped and made again
when it holds more rows than the first size. The hot tables (people, volunteers, service-hour records, donations,
certificates) grow to each size in turn, each new app's main list to a tenth of it; rows are cloned from the demo
data in SQL (generate_series, spread over every district), with triggers off while seeding (history and foreign
key checks: the reads measured do not depend on them).

At each size every list is read as jinjiang_staff (锦江区) through a real API token, and compared with the SQL the
platform itself sends for that page, run on a raw cursor and encoded to JSON (the baseline of goal 1: what is
left is the platform's own cost). The lookups read one fixed row while its table grows. The report gets:
the figures at the largest size against their baselines (goals 1 and 2), and for every figure its p95 at the
three sizes side by side with the growth ratio (goal 3, at most 1.5×).
"""

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import growth, note, report, setup_bench_django, timed  # noqa: E402


@dataclass(frozen=True)
class HotList:
    name: str
    url: str
    table: str
    share: float = 1.0  # of the size: the new apps' lists hold a tenth of the hot tables' rows


LISTS = [
    HotList("people", "/api/v1/people/persons/", "people_person"),
    HotList("volunteers", "/api/v1/volunteers/volunteers/", "volunteers_volunteer"),
    HotList("service records", "/api/v1/volunteers/records/", "volunteers_servicerecord"),
    HotList("donations", "/api/v1/donations/donations/", "donations_donation"),
    HotList("certificates", "/api/v1/training/certificates/", "training_certificate"),
    HotList("emergency teams", "/api/v1/emergency/teams/", "emergency_team", 0.1),
    HotList("follow-up visits", "/api/v1/followups/visits/", "followups_visit", 0.1),
    HotList("members", "/api/v1/members/members/", "members_member", 0.1),
    HotList("sanxian pledges", "/api/v1/sanxian/pledges/", "sanxian_donationpledge", 0.1),
    HotList("outreach care recipients", "/api/v1/outreach/care/", "outreach_carerecipient", 0.1),
]

# Values spread over the city, for a cloned row's column (g is the clone's serial number).
COMMUNITY = ("(SELECT array_agg(code ORDER BY code) FROM organizations_region WHERE level = 'community')"
             "[1 + mod(g, 3047)]")
DISTRICT_SOCIETY = ("(SELECT array_agg(id ORDER BY id) FROM organizations_organization "
                    "WHERE kind = 'district_society')[1 + mod(g, 20)]")
DISTRICT_REGION = ("(SELECT array_agg(region_id ORDER BY id) FROM organizations_organization "
                   "WHERE kind = 'district_society')[1 + mod(g, 20)]")
# Joins that hand each clone its own person (the newest first: never a demo person, who may already have one)
# or volunteer (row number r).
PERSON_JOIN = ("JOIN (SELECT id AS person_id, region_id AS person_region, row_number() OVER (ORDER BY id) AS r "
               "FROM people_person) AS each_person ON each_person.r = {people} - mod(g - 1, {people})")
VOLUNTEER_JOIN = ("JOIN (SELECT v.id AS volunteer_id, v.organization_id AS volunteer_org, o.region_id AS "
                  "volunteer_region, row_number() OVER (ORDER BY v.id) AS r FROM volunteers_volunteer AS v "
                  "JOIN organizations_organization AS o ON o.id = v.organization_id) AS each_volunteer "
                  "ON each_volunteer.r = 1 + mod(g - 1, {volunteers})")
OWN_PERSON = {"person_id": "each_person.person_id", "region_id": "each_person.person_region"}

CLONES = {
    "people_person": ({
        "full_name": "'测试' || g", "document_number_encrypted": "'gAAAA-bench-' || g",
        "document_number_hash": "md5('doc' || g) || md5('d' || g)", "mobile_encrypted": "'gAAAA-bench-m' || g",
        "mobile_hash": "md5('mob' || g) || md5('m' || g)", "region_id": COMMUNITY,
        "birth_date": "DATE '1960-01-01' + mod(g, 18000)",
    }, ""),
    "volunteers_servicerecord": ({
        "volunteer_id": "each_volunteer.volunteer_id", "organization_id": "each_volunteer.volunteer_org",
        "signup_id": "NULL", "activity_id": "NULL", "adjusts_id": "NULL", "kind": "'service'", "reason": "''",
        "served_on": "DATE '2023-01-01' + mod(g, 1000)", "hours": "1 + mod(g, 8)",
        "scope_region": "each_volunteer.volunteer_region",  # what the trigger (off while seeding) keeps
    }, VOLUNTEER_JOIN),
    "donations_donation": ({
        "organization_id": DISTRICT_SOCIETY, "receipt_number": "'L' || g", "pledge_key": "NULL",
        "reference_code": "NULL", "reverses_id": "NULL", "bank_reference": "'L' || g", "note": "'bench-lists'",
        "amount": "10 + mod(g, 990)", "allocated": "0", "received_on": "DATE '2023-01-01' + mod(g, 1000)",
        "scope_region": DISTRICT_REGION,  # what the trigger (off while seeding) keeps: the organisation's region
    }, ""),
    "training_certificate": ({
        "number": "'L' || g", "verification_code": "md5('v' || g)", "person_id": "each_person.person_id",
        "organization_id": DISTRICT_SOCIETY, "enrolment_id": "NULL", "renewed_by_id": "NULL",
        "issued_on": "CURRENT_DATE - mod(g, 1400)", "expires_on": "CURRENT_DATE - mod(g, 1400) + 1095",
        "scope_region": DISTRICT_REGION,  # what the trigger (off while seeding) keeps: the issuer's region
    }, PERSON_JOIN),
    "emergency_team": ({"name": "name || ' ' || g", "region_id": DISTRICT_REGION,
                        "organization_id": DISTRICT_SOCIETY}, ""),
    "followups_visit": ({"region_id": COMMUNITY}, ""),
    "members_member": ({"number": "'L' || g", "kind": "'individual'", "unit_id": "NULL", **OWN_PERSON}, PERSON_JOIN),
    "sanxian_donationpledge": (OWN_PERSON, PERSON_JOIN),
    "outreach_carerecipient": (OWN_PERSON, PERSON_JOIN),
}


def clone_rows(table, target, cursor):
    """Grow `table` to `target` rows by copying its first row, with CLONES' columns spread over the city."""
    cursor.execute(f"SELECT count(*), min(id) FROM {table}")  # noqa: S608 - our own table names
    have, template = cursor.fetchone()
    if have >= target:
        return have
    if template is None:
        raise SystemExit(f"{table} has no demo row to clone: bootstrap the demo data")
    overrides, join = CLONES[table]
    cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id' "
                   "AND is_generated = 'NEVER' ORDER BY ordinal_position", [table])
    columns = [name for (name,) in cursor.fetchall()]
    unknown = set(overrides) - set(columns)
    if unknown:
        raise SystemExit(f"{table}: no column {', '.join(sorted(unknown))}")
    counts = {}
    for name, source in (("people", "people_person"), ("volunteers", "volunteers_volunteer")):
        if "{" + name + "}" in join:
            cursor.execute(f"SELECT count(*) FROM {source}")  # noqa: S608
            counts[name] = cursor.fetchone()[0]
    values = ", ".join(overrides.get(column, f"t.{column}") for column in columns)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} "  # noqa: S608
        f"FROM {table} AS t CROSS JOIN generate_series(%s, %s) AS g {join.format(**counts)} WHERE t.id = %s",
        [have + 1, target, template])
    return target


def grow(size, lists):
    """Every table of `lists` (and those they stand on) at its share of `size` rows."""
    from django.db import connection

    from bench.volunteers import seed_volunteers

    start = time.perf_counter()
    wanted = {item.table: max(1, int(size * item.share)) for item in lists}
    wanted["people_person"] = max(size, *wanted.values())  # people stand behind everything else
    if {"volunteers_volunteer", "volunteers_servicerecord"} & set(wanted):
        wanted.setdefault("volunteers_volunteer", size)
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no triggers while seeding
        try:
            clone_rows("people_person", wanted.pop("people_person"), cursor)
            if "volunteers_volunteer" in wanted:
                cursor.execute("ANALYZE people_person")
                seed_volunteers(wanted.pop("volunteers_volunteer"))
            for table, target in wanted.items():
                clone_rows(table, target, cursor)
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("ANALYZE")
    print(f"  grown to {size:,} rows in {time.perf_counter() - start:.0f} s", flush=True)


def fresh_database(first_size):
    """Drop the lists database when it holds more rows than the first size (it cannot shrink): setup makes it
    again from the seedless copy (bench/run.py)."""
    import psycopg
    from run import bench_database_url

    url, name = bench_database_url(os.environ["DATABASE_URL"], suffix="_lists")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
    with psycopg.connect(url) as conn:
        held = conn.execute("SELECT coalesce(max(n_live_tup), 0) FROM pg_stat_user_tables "
                            "WHERE relname IN ('people_person', 'donations_donation')").fetchone()[0]
    if held > first_size * 1.05:
        print(f"{name} holds {held:,} rows, more than {first_size:,}: making it again", flush=True)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


class Reader:
    """Requests as jinjiang_staff with an API token; each page's own SQL is kept as the page's baseline."""

    def __init__(self, runs):
        from django.contrib.auth import get_user_model
        from django.test import Client

        from redcross import tokens

        self.runs = runs
        user = get_user_model().objects.get(username="jinjiang_staff")
        _token, key = tokens.token_issue(actor=user, holder=user, name="bench lists", days=1)
        self.client = Client(HTTP_AUTHORIZATION=f"Token {key}")

    def get(self, url):
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response

    def captured(self, url, table):
        """The response and the SQL of the query that reads `table`'s rows for it (the first one that does)."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = self.get(url)
        reads = [q["sql"] for q in queries.captured_queries
                 if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]]
        if not reads:
            raise SystemExit(f"{url}: no query reads {table}")
        return response, reads[0], len(queries.captured_queries)

    def api(self, url):
        def run():
            self.get(url).content  # noqa: B018 - the rendered JSON
        return run

    @staticmethod
    def raw(sql):
        from django.db import connection

        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql)
                json.dumps([list(map(str, row)) for row in cursor.fetchall()])
        return run

    def measure(self, name, url, table):
        self.get(url)  # warm: the key's last use and the caller's principal are written once, not per request
        _response, sql, queries = self.captured(url, table)
        figures = (timed(self.api(url), self.runs), timed(self.raw(sql), self.runs))
        return name, figures, queries


def read_lists(reader, lists, depth):
    """[(name, (platform, baseline), queries, page)] for page 1, page `depth` (cursor) and a detail of every list;
    `page` is the deep page's number, None for the others."""
    out = []
    for item in lists:
        first = f"{item.url}?page_size=50"
        out.append((*reader.measure(f"API {item.name} list, page 1", first, item.table), None))
        url, page = first, 1
        body = reader.get(url).json()
        full = (url, page, body)  # the deepest page of a whole 50 rows: a short last page is not a deep page
        while page < depth and body["next"]:
            url, page = body["next"], page + 1
            body = reader.get(url).json()
            if len(body["results"]) == 50:
                full = (url, page, body)
        url, page, body = full
        out.append((*reader.measure(f"API {item.name} list, deep page (cursor)", url, item.table), page))
        if body["results"]:
            detail = f"{item.url}{body['results'][-1]['id']}/"
            out.append((*reader.measure(f"API {item.name} detail", detail, item.table), None))
    return out


def lookup_fixtures():
    """One gift and one certificate that the public lookups read while their tables grow around them."""
    from decimal import Decimal

    from django.utils import timezone

    from donations import money
    from donations.models import Donation
    from people import crypto
    from training.models import Certificate

    gift = Donation.objects.filter(note="bench-lookup").first()
    if gift is None:
        template = Donation.objects.filter(status="confirmed").order_by("id").first()
        gift = Donation.objects.bulk_create([Donation(
            organization_id=template.organization_id, fund_id=template.fund_id, is_anonymous=True, kind="money",
            channel="bank_transfer", amount=Decimal("88"), status="confirmed", received_on=timezone.localdate(),
            confirmed_at=timezone.now(), confirmed_by_id=template.confirmed_by_id, confirmed_via="staff",
            receipt_number="LOOKUP-000001", public_name="", lookup_name_hash=money.lookup_name_hash("基准"),
            lookup_mobile_hash=crypto.mobile_hash("13900000001"), note="bench-lookup")])[0]
    certificate = Certificate.objects.order_by("id").first()
    return gift, certificate


def read_lookups(runs):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    gift, certificate = lookup_fixtures()
    public = Client()
    body = {"receipt_number": gift.receipt_number, "mobile": "13900000001"}

    def captured(call, table):
        with CaptureQueriesContext(connection) as queries:
            call()
        sqls = [q["sql"] for q in queries.captured_queries
                if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]]
        return sqls[0], len(queries.captured_queries)

    serial = iter(range(1, 10**9))

    def address():  # one benchmark client; the per-address limits are not what is measured
        n = next(serial)
        return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"

    def lookup():
        response = public.post("/api/v1/donations/public/lookup/", body, content_type="application/json",
                               REMOTE_ADDR=address())
        assert response.status_code == 200, response.content[:300]

    def verify():
        response = public.get(f"/training/verify/{certificate.number}/", REMOTE_ADDR=address())
        assert response.status_code == 200, response.status_code

    out = []
    for name, call, table in (("public donation lookup API", lookup, "donations_donation"),
                              ("public certificate verification page", verify, "training_certificate")):
        sql, queries = captured(call, table)
        out.append((name, (timed(call, runs), timed(Reader.raw(sql), runs)), queries))
    return out


# Where a request's own time (cProfile's tottime) is spent, by the file the function lives in: first match wins.
BUCKETS = [
    ("PostgreSQL round trips", ("psycopg",)),
    ("ORM: building SQL, making rows", ("django/db/",)),
    ("serializers and fields", ("rest_framework/serializers", "rest_framework/fields", "rest_framework/relations",
                                "rest_framework/utils/serializer_helpers")),
    ("JSON rendering", ("rest_framework/renderers", "/json/", "orjson")),
    ("DRF request machinery", ("rest_framework/",)),
    ("filters (django-filter)", ("django_filters/",)),
    ("token, principal, scope, limits", ("redcross/principal", "redcross/tokens", "redcross/scoping",
                                         "redcross/ratelimits", "redcross/api/")),
    ("middleware and Django's handler", ("django/core/handlers", "django/middleware", "django/contrib/",
                                         "whitenoise", "axes", "pghistory", "redcross/middleware",
                                         "redcross/security", "django/http", "django/urls")),
    ("templates (Django)", ("django/template",)),
    ("benchmark's test client", ("django/test/",)),
]
PROJECT = str(Path(__file__).resolve().parent.parent)


def _bucket(filename):
    for label, parts in BUCKETS:
        if any(part in filename for part in parts):
            return label
    if filename.startswith(PROJECT) and "site-packages" not in filename:
        return "project code (views, selectors, serializers)"
    return "other (Python, Django utils, Redis client)"


def profile(reader, lists, requests=50, top=25):
    """cProfile of page 1 of each list, in process: where the platform's time goes beyond its SQL.

    Prints the top functions, and records for the report the milliseconds per request in each bucket above.
    """
    import cProfile
    import pstats

    from run import record_profile

    for item in lists:
        url = f"{item.url}?page_size=50"
        reader.get(url)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            reader.get(url).content  # noqa: B018
        profiler.disable()
        stats = pstats.Stats(profiler)
        print(f"\n--- profile: {item.name}, {requests} requests of {url}")
        stats.sort_stats("cumulative").print_stats(top)
        spent = {}
        for (filename, _line, _name), (_calls, _primitive, own, _cumulative, _callers) in stats.stats.items():
            spent[_bucket(filename)] = spent.get(_bucket(filename), 0) + own * 1000 / requests
        record_profile(f"API {item.name} list, page 1", spent)


# Where a request's wall-clock time goes, unprofiled: each stage is timed around the function that does it
# (outermost call only), and the parts the stages do not cover are what is left of their callers.
STAGES = [  # (stage, module, owner, attribute)
    ("handler", "django.core.handlers.base", "BaseHandler", "get_response"),
    ("dispatch", "rest_framework.views", "APIView", "dispatch"),
    ("token and principal", "rest_framework.views", "APIView", "perform_authentication"),
    ("permissions and limits", "rest_framework.views", "APIView", "check_permissions"),
    ("permissions and limits", "rest_framework.views", "APIView", "check_throttles"),
    ("queryset and scope", "redcross.api.viewsets", "ScopedViewSetMixin", "get_queryset"),
    ("queryset and scope", "rest_framework.generics", "GenericAPIView", "filter_queryset"),
    ("building the SQL", "django.db.models.sql.compiler", "SQLCompiler", "as_sql"),
    ("PostgreSQL (the query and its rows)", "django.db.backends.utils", "CursorWrapper", "execute"),
    ("JSON-ready rows (redcross/api/rows.py)", "redcross.api.viewsets", None, "render_rows"),
    ("JSON rendering", "rest_framework.renderers", "JSONRenderer", "render"),
]


def stage_times(reader, url, requests=200):
    """Median milliseconds per request in each stage of `url`, exclusive (they add up to the whole request)."""
    import importlib
    import statistics
    from collections import defaultdict

    spent, depth, patched = defaultdict(float), defaultdict(int), []

    def timing(stage, original):
        def timed_call(*args, **kwargs):
            depth[stage] += 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                depth[stage] -= 1
                if not depth[stage]:
                    spent[stage] += time.perf_counter() - start
        return timed_call

    for stage, module, owner, name in STAGES:
        target = importlib.import_module(module)
        target = getattr(target, owner) if owner else target
        original = target.__dict__[name]
        patched.append((target, name, original))
        setattr(target, name, timing(stage, original))
    per_request = []
    try:
        reader.get(url)
        for _ in range(requests):
            spent.clear()
            start = time.perf_counter()
            reader.get(url).content  # noqa: B018
            spent["whole"] = time.perf_counter() - start
            per_request.append({stage: seconds * 1000 for stage, seconds in spent.items()})
    finally:
        for target, name, original in reversed(patched):
            setattr(target, name, original)

    def median(stage):
        return statistics.median(row.get(stage, 0.0) for row in per_request)

    inner = ("token and principal", "permissions and limits", "queryset and scope", "building the SQL",
             "PostgreSQL (the query and its rows)", "JSON-ready rows (redcross/api/rows.py)")
    out = {stage: median(stage) for stage in (*inner, "JSON rendering")}
    out["rest of the view: ORM rows, paginator, DRF"] = max(0.0, median("dispatch") - sum(out[s] for s in inner))
    out["middleware and Django's handler"] = max(0.0, median("handler") - median("dispatch") - out["JSON rendering"])
    out["benchmark's test client"] = max(0.0, median("whole") - median("handler"))
    return out


def stages(reader, lists):
    """The wall-clock split of page 1 and the detail read of each list, beside its raw SQL + JSON (the report)."""
    from results import RECORDED

    for item in lists:
        first = f"{item.url}?page_size=50"
        body = reader.get(first).json()
        urls = [("list, page 1", first)]
        if body["results"]:
            urls.append(("detail", f"{item.url}{body['results'][0]['id']}/"))
        for what, url in urls:
            _response, sql, _queries = reader.captured(url, item.table)
            spent = stage_times(reader, url)
            raw = timed(reader.raw(sql), reader.runs)[0]
            print(f"stages: {item.name} {what}: " + ", ".join(f"{k} {v:.2f}" for k, v in spent.items())
                  + f" | raw SQL + JSON {raw:.2f} ms", flush=True)
            RECORDED.append({"stages": f"{item.name} {what}", "spent": spent, "raw": raw})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20000,100000,400000",
                        help="rows of each hot table, smallest first (the new apps' lists get a tenth)")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--depth", type=int, default=80, help="the deep page's number (cursor pages followed)")
    parser.add_argument("--only", default="", help="comma-separated list names (default: every list)")
    parser.add_argument("--profile", action="store_true", help="cProfile page 1 of each list at the last size")
    parser.add_argument("--profile-only", action="store_true",
                        help="only the profile, on the database as the last run left it (no growing, no figures)")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    lists = [item for item in LISTS if not args.only or item.name in args.only.split(",")]

    for rate in ("PUBLIC_API_THROTTLE", "LOOKUP_API_THROTTLE", "PUBLIC_LOOKUP_RATE"):
        os.environ[rate] = "100000000/m"  # the benchmark is one client asking many times
    if not args.profile_only:
        fresh_database(sizes[0])
    setup_bench_django(suffix="_lists")
    reader = Reader(args.runs)
    if args.profile_only:  # added to the figures of the last run (.data/bench/lists.json), not replacing them
        from results import OUT, RECORDED

        earlier = OUT / "lists.json"
        if earlier.exists():
            RECORDED += [row for row in json.loads(earlier.read_text(encoding="utf-8"))
                         if "profile" not in row and "stages" not in row]
        stages(reader, lists)
        profile(reader, lists)
        return
    by_name = {}
    for size in sizes:
        print(f"\n--- {size:,} rows (load: {os.getloadavg()[0]:.1f}) ---", flush=True)
        grow(size, lists)
        lookups = [(name, figures, queries, None) for name, figures, queries in read_lookups(args.runs)]
        for name, figures, queries, page in read_lists(reader, lists, args.depth) + lookups:
            (p50, p95), (b50, b95) = figures
            print(f"{name:<52} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms | raw SQL p95 {b95:6.2f} ms "
                  f"| ratio {p95 / b95:5.2f}x | {queries} queries" + (f" | page {page}" if page else ""), flush=True)
            by_name.setdefault(name, []).append((size, figures, queries, page))
    if args.profile:
        stages(reader, lists)
        profile(reader, lists)
    for name, measured in by_name.items():
        _size, figures, queries, _page = measured[-1]
        report(f"{name} ({queries} queries)" if name.startswith("API") else name, *figures)
        growth(name, [(size, figures) for size, figures, _queries, _page in measured],
               pages=[page for *_rest, page in measured] if measured[-1][3] else None)
    note(f"lists at {', '.join(f'{size:,}' for size in sizes)} rows per hot table (new apps' lists a tenth); "
         f"{args.runs} runs per figure; load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
