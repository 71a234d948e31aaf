"""Benchmark of the plan board: the nightly snapshot of every target for every region, and the board page.

    make bench ARGS="plan"                      # 30 days of history, 50% of communities with a station
    make bench ARGS="plan --days 90 --runs 50"

Runs in the bench database of bench/run.py. Prints the platform's p50/p95, those
of the raw SQL for the same figures measured in the same run, and the p95
ratio. Budgets (ARCHITECTURE.md): the whole city's recomputation ≤ 5 s, a city
dashboard ≤ 100 ms. Not part of the test suite's pass/fail.
"""

import argparse
import json
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import report, setup_bench_django, timed  # noqa: E402

# The two grassroots targets' figures for every region, rolled up by code prefix, in plain SQL.
RAW_GRASSROOTS = """
WITH towns AS (
    SELECT r.code, EXISTS (SELECT 1 FROM organizations_organization o WHERE o.region_id = r.code AND o.is_active
                           AND o.kind = 'town_organization' AND o.has_premises AND o.has_regular_work
                           AND o.created_at < %(end)s) AS covered
    FROM organizations_region r WHERE r.level = 'town' AND r.is_home_city),
communities AS (
    SELECT r.code, EXISTS (SELECT 1 FROM organizations_organization o WHERE o.region_id = r.code AND o.is_active
                           AND o.kind IN ('service_centre', 'work_station') AND o.created_at < %(end)s) AS covered
    FROM organizations_region r WHERE r.level = 'community' AND r.is_home_city)
SELECT 'towns', substr(code, 1, 6), substr(code, 1, 9), sum(covered::int), count(*) FROM towns
GROUP BY GROUPING SETS ((), (substr(code, 1, 6)), (substr(code, 1, 6), substr(code, 1, 9)))
UNION ALL
SELECT 'communities', substr(code, 1, 6), substr(code, 1, 9) || substr(code, 10, 3), sum(covered::int), count(*)
FROM communities
GROUP BY GROUPING SETS ((), (substr(code, 1, 6)), (substr(code, 1, 6), substr(code, 1, 9) || substr(code, 10, 3)))
"""

# What the board reads for the whole city: today's figure of every target, its trend, the districts for the map.
RAW_BOARD = """
SELECT target, value, target_value, numerator, denominator FROM plan_targetsnapshot
WHERE region_id = %(city)s AND day = %(day)s;
"""
RAW_TREND = """
SELECT target, day, value FROM plan_targetsnapshot
WHERE region_id = %(city)s AND day > %(first)s AND day <= %(day)s ORDER BY day
"""
RAW_MAP = """
SELECT s.target, s.region_id, r.name, s.value FROM plan_targetsnapshot s JOIN organizations_region r
ON r.code = s.region_id WHERE s.day = %(day)s AND r.parent_id = %(city)s ORDER BY s.region_id
"""


def seed_grassroots(share):
    """Stations in `share` of the communities and 三有 town organisations in as many towns, once."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM organizations_organization WHERE name LIKE 'BENCH-%%'")
        if cursor.fetchone()[0]:
            return
        print("seeding stations and town organisations …", flush=True)
        cursor.execute("""
            INSERT INTO organizations_organization (name, kind, unit_type, region_id, credit_code, has_premises,
                premises_address, has_regular_work, head_name, contact_person, contact_phone, is_active,
                created_at, updated_at)
            SELECT 'BENCH-' || r.code, CASE WHEN r.level = 'town' THEN 'town_organization' ELSE 'work_station' END,
                   '', r.code, '', true, '', true, '', '', '', true, now() - interval '40 days' * random(), now()
            FROM organizations_region r
            WHERE r.level IN ('town', 'community') AND r.is_home_city AND random() < %s
              AND NOT EXISTS (SELECT 1 FROM organizations_organization o WHERE o.region_id = r.code
                              AND o.kind = 'town_organization' AND o.is_active)
        """, [share])
        cursor.execute("ANALYZE organizations_organization")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=30, help="days of snapshot history behind today")
    parser.add_argument("--share", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--snapshot-runs", type=int, default=5)
    args = parser.parse_args()
    setup_bench_django()

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from redcross import targets as registry
    from redcross.plan import services
    from redcross.plan.models import TargetSnapshot
    from redcross.targets import day_end

    seed_grassroots(args.share)
    today = timezone.localdate()
    have = set(TargetSnapshot.objects.filter(region_id=settings.REDCROSS["CITY_REGION_CODE"])
               .values_list("day", flat=True).distinct())
    missing = [today - timedelta(days=back) for back in range(args.days, 0, -1)
               if today - timedelta(days=back) not in have]
    if missing:
        print(f"taking {len(missing)} days of history …", flush=True)
        for day in missing:
            services.snapshots_take(day=day)
    rows = services.snapshots_take()
    targets = registry.all_targets()
    print(f"targets: {len(targets)}; rows per day: {rows:,}; snapshot rows stored: "
          f"{TargetSnapshot.objects.count():,}; regions: 3,329")

    def raw(sql, params):
        def run():
            with connection.cursor() as cursor:
                for statement in [s for s in sql.split(";") if s.strip()]:
                    cursor.execute(statement, params)
                    json.dumps([list(map(str, row)) for row in cursor.fetchall()])
        return run

    # 1. The nightly snapshot.
    grassroots = ["grassroots.towns_sanyou", "grassroots.community_stations"]
    report("snapshot: grassroots targets, all regions",
           timed(lambda: services.snapshots_take(codes=grassroots), args.snapshot_runs),
           timed(raw(RAW_GRASSROOTS, {"end": day_end(today)}), args.snapshot_runs))
    start = time.perf_counter()
    for _ in range(args.snapshot_runs):
        services.snapshots_take()
    each = (time.perf_counter() - start) / args.snapshot_runs
    print(f"snapshot: all {len(targets)} targets × all regions (write included) {each * 1000:8.0f} ms per run "
          f"(budget 5,000 ms)")

    # 2. The board page for the whole city.
    user = get_user_model().objects.filter(username="city_admin").first()
    if user is None:
        raise SystemExit("the demo's city_admin is missing: run make run once, or bootstrap the bench database")
    client = Client()
    client.force_login(user)
    assert client.get("/portal/plan/").status_code == 200

    def board():
        response = client.get("/portal/plan/")
        assert response.status_code == 200

    params = {"city": settings.REDCROSS["CITY_REGION_CODE"], "day": today, "first": today - timedelta(days=90)}
    report("board page /portal/plan/ (city)", timed(board, args.runs),
           timed(raw(RAW_BOARD + ";" + RAW_TREND + ";" + RAW_MAP, params), args.runs))
    response = client.get("/portal/plan/board.pdf")
    start = time.perf_counter()
    client.get("/portal/plan/board.pdf")
    print(f"board PDF (city) {(time.perf_counter() - start) * 1000:8.1f} ms, {len(response.content):,} bytes")


if __name__ == "__main__":
    main()
