"""Benchmark of the whole city's coverage recomputation, institutions included, against raw SQL.

    make bench ARGS="coverage"                                  # 20,000 institutions, all 3,047 communities
    make bench ARGS="coverage --institutions 200000 --runs 5"

Runs in the bench database of bench/run.py (<name>_bench). Seeds the institutions register (a fifth of each type
linked to a member unit, one unit in ten of those inactive) with generate_series, once. Measures what the hourly
task does — organizations.services.coverage_recompute (三有 towns with work derived from 12 months of activity,
stations per community) plus organizations.grassroots_services.coverage_figures_recompute (institutions by type,
centres by zone and host, squares by place kind, communities with a compact), both writing their snapshots —
against raw SQL that only reads the same figures. The budget is ≤ 5 s for the whole city (ARCHITECTURE.md).
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import note, report, setup_bench_django, timed  # noqa: E402

KINDS = ["enterprise", "university", "school", "hospital", "scenic_area"]


def seed_institutions(target):
    from django.db import connection

    from organizations.models import Institution

    have = Institution.objects.filter(name__startswith="bench-inst-").count()
    if have >= target:
        return have
    units = target * 2 // 5
    print(f"seeding {target - have:,} institutions and their member units …", flush=True)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO organizations_organization (name, kind, unit_type, region_id, credit_code, has_premises,
                premises_address, has_regular_work, head_name, contact_person, contact_phone, is_active, created_at,
                updated_at)
            SELECT 'bench-unit-' || g, 'member_unit', (ARRAY['enterprise','university','school','hospital',
                   'scenic_area'])[1 + mod(g, 5)],
                   (ARRAY(SELECT code FROM organizations_region WHERE level = 'town' AND is_home_city
                          ORDER BY code))[1 + mod(g, 261)],
                   '', false, '', false, '', '', '', mod(g, 10) <> 0, now(), now()
            FROM generate_series(%s, %s) AS g
            WHERE NOT EXISTS (SELECT 1 FROM organizations_organization WHERE name = 'bench-unit-' || g)""",
            [1, units])
        cursor.execute(
            """
            WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM organizations_organization
                       WHERE name LIKE 'bench-unit-%%'),
                 towns AS (SELECT array_agg(code ORDER BY code) AS codes FROM organizations_region
                           WHERE level = 'town' AND is_home_city)
            INSERT INTO organizations_institution (name, kind, school_stage, scenic_grade, region_id, credit_code,
                headcount, address, member_unit_id, is_active)
            SELECT 'bench-inst-' || g,
                   (ARRAY['enterprise','university','school','hospital','scenic_area'])[1 + mod(g, 5)],
                   CASE WHEN mod(g, 5) = 2 THEN 'primary' ELSE '' END,
                   CASE WHEN mod(g, 5) = 4 THEN '4A' ELSE '' END,
                   towns.codes[1 + mod(g, 261)], '', 50 + mod(g, 5000), '',
                   CASE WHEN mod(g, 5) < 2 THEN u.ids[1 + mod(g, array_length(u.ids, 1))] END, true
            FROM generate_series(%s, %s) AS g, u, towns""",
            [have + 1, target])
    return Institution.objects.filter(name__startswith="bench-inst-").count()


RAW_SQL = [
    # Towns: organisation and premises (work comes from activity below).
    """SELECT r.code, r.parent_id,
              EXISTS (SELECT 1 FROM organizations_organization o WHERE o.region_id = r.code AND o.is_active
                      AND o.kind = 'town_organization'),
              EXISTS (SELECT 1 FROM organizations_organization o WHERE o.region_id = r.code AND o.is_active
                      AND o.kind = 'town_organization' AND o.has_premises)
       FROM organizations_region r WHERE r.level = 'town'""",
    """SELECT DISTINCT substr(region_id, 1, 9) FROM volunteers_activity
       WHERE starts_at >= now() - interval '365 days' AND starts_at <= now()""",
    """SELECT DISTINCT substr(region_id, 1, 9) FROM training_trainingsession
       WHERE status <> 'cancelled' AND starts_at >= now() - interval '365 days' AND starts_at <= now()""",
    """SELECT DISTINCT substr(region_id, 1, 9) FROM donations_aidcase WHERE opened_on >= current_date - 365""",
    "SELECT region_id, has_work FROM organizations_townworkoverride",
    # Communities with a station, per town.
    """SELECT r.parent_id, count(*), count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM organizations_organization o WHERE o.region_id = r.code AND o.is_active
              AND o.kind IN ('service_centre', 'work_station')))
       FROM organizations_region r WHERE r.level = 'community' GROUP BY r.parent_id""",
    # Institutions covered by type and district.
    """SELECT substr(i.region_id, 1, 6), i.kind, count(*), count(*) FILTER (WHERE o.is_active)
       FROM organizations_institution i LEFT JOIN organizations_organization o ON o.id = i.member_unit_id
       JOIN organizations_region r ON r.code = i.region_id
       WHERE i.is_active AND r.is_home_city GROUP BY 1, 2""",
    # Centres by zone and host kind.
    """SELECT c.district_id, d.zone, c.host_kind, count(*),
              count(*) FILTER (WHERE c.status IN ('accepted', 'operating'))
       FROM organizations_centre c JOIN organizations_region d ON d.code = c.district_id GROUP BY 1, 2, 3""",
    # Squares by district and place kind; communities with a compact per town.
    """SELECT substr(region_id, 1, 6), place_kind, count(*) FROM outreach_culturesquare WHERE is_active
       GROUP BY 1, 2""",
    """SELECT r.parent_id, count(*), count(v.id) FROM organizations_region r
       LEFT JOIN outreach_villagecompact v ON v.community_id = r.code
       WHERE r.level = 'community' AND r.is_home_city GROUP BY r.parent_id""",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--institutions", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_bench_django()
    from django.db import connection

    from organizations import grassroots_services
    from organizations.models import Region
    from organizations.services import coverage_recompute

    total = seed_institutions(args.institutions)
    communities = Region.objects.filter(level="community", is_home_city=True).count()
    print(f"whole city: {communities:,} communities, {total:,} bench institutions")

    def platform():
        coverage_recompute()
        grassroots_services.coverage_figures_recompute()

    def raw():
        with connection.cursor() as cursor:
            for sql in RAW_SQL:
                cursor.execute(sql)
                cursor.fetchall()

    start = time.perf_counter()
    platform()
    print(f"first run (cold): {(time.perf_counter() - start) * 1000:.0f} ms")
    p50, p95 = timed(platform, args.runs)
    b50, b95 = timed(raw, args.runs)
    report("whole-city coverage recompute (writes)", (p50, p95), (b50, b95))
    note(f"whole-city coverage recompute, {communities:,} communities and {total:,} institutions: p95 "
         f"{p95:.0f} ms (budget 5000 ms: {'within' if p95 <= 5000 else 'OVER'})")


if __name__ == "__main__":
    main()
