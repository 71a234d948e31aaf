"""Benchmark of emergency response: the readiness matrix for the whole city and relief-stock figures, against the
raw SQL for the same figures.

    make bench ARGS="emergency"                                   # 2,000 teams, 50,000 members, 200,000 movements
    make bench ARGS="emergency --teams 200 --members 5000 --movements 20000 --runs 10"   # a smoke run

Runs in the bench database of bench/run.py (<name>_bench), seeded once with INSERT … SELECT generate_series.
Each line prints the platform's p50 and p95, those of the raw SQL measured in the same run, and the p95 ratio.
Not part of the test suite's pass/fail.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import report, seed_people, setup_bench_django, timed  # noqa: E402

TYPES = ["relief", "medical", "psychological", "search_rescue", "water_rescue", "water_supply"]


def seed(teams, members, movements):
    from django.db import connection

    from bench import volunteers as bench_volunteers
    from emergency.catalogue import items_load, standards_load
    from emergency.models import StockMovement, Team, TeamMember
    from training.catalogue import catalogue_load

    standards_load()
    items_load()
    catalogue_load()
    seed_people(members)
    bench_volunteers.seed_volunteers(members)
    have = Team.objects.filter(name__startswith="BENCH-").count()
    with connection.cursor() as cursor:
        if have < teams:
            print(f"seeding {teams - have:,} teams …", flush=True)
            cursor.execute(
                """
                INSERT INTO emergency_team (name, organization_id, region_id, team_type, level, founded_on, standby,
                    is_active, readiness, readiness_reasons, created_at)
                SELECT 'BENCH-' || g, o.id, o.region_id, (%s::varchar[])[1 + mod(g, 6)], 'district',
                       DATE '2019-01-01' + mod(g, 2000)::int, 'standby', true, 'red', '[]'::jsonb, now()
                FROM generate_series(%s, %s) AS g
                JOIN LATERAL (SELECT id, region_id FROM organizations_organization
                              WHERE kind = 'district_society' AND region_id LIKE '5101%%' ORDER BY region_id
                              OFFSET mod(g, 20) LIMIT 1) o ON true
                """, [TYPES, have + 1, teams])
        # Kit and drills for any bench team still without them (an interrupted seed resumes).
        cursor.execute(
            """
            INSERT INTO emergency_equipment (team_id, kind, serial, quantity, condition, next_inspection_on)
            SELECT t.id, k.kind, 'B' || t.id || '-' || k.n, 2, 'good',
                   CURRENT_DATE + CASE WHEN mod(t.id, 9) = 0 THEN -10 ELSE 60 END
            FROM emergency_team t JOIN emergency_teamstandard s ON s.team_type = t.team_type
            CROSS JOIN LATERAL unnest(s.kit) WITH ORDINALITY AS k(kind, n)
            WHERE t.name LIKE 'BENCH-%%' AND NOT EXISTS (SELECT 1 FROM emergency_equipment e WHERE e.team_id = t.id)
            """)
        user_id = connection.ops.quote_name("id")
        cursor.execute(f"SELECT {user_id} FROM auth_user WHERE username = 'city_admin'")
        actor = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO emergency_drill (team_id, held_on, scenario, hours, recorded_by_id, created_at)
            SELECT t.id, CURRENT_DATE - mod(t.id, 200)::int, '基准演练', 3, %s, now()
            FROM emergency_team t WHERE t.name LIKE 'BENCH-%%'
              AND NOT EXISTS (SELECT 1 FROM emergency_drill d WHERE d.team_id = t.id)
            """, [actor])
        have_members = TeamMember.objects.filter(team__name__startswith="BENCH-").count()
        if have_members < members:
            print(f"seeding {members - have_members:,} members with certificates and insurance …", flush=True)
            cursor.execute(
                """
                WITH t AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM emergency_team
                           WHERE name LIKE 'BENCH-%%'),
                     v AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM volunteers_volunteer
                           WHERE status IN ('signed_up', 'registered') AND NOT EXISTS (
                               SELECT 1 FROM emergency_teammember m WHERE m.volunteer_id = volunteers_volunteer.id)
                           ORDER BY id LIMIT %s)
                INSERT INTO emergency_teammember (team_id, volunteer_id, role, joined_on)
                SELECT t.id, v.id, CASE WHEN v.n <= (SELECT count(*) FROM t) AND %s = 0 THEN 'leader' ELSE 'member' END,
                       DATE '2020-01-01'
                FROM v JOIN t ON t.n = 1 + mod(v.n - 1, (SELECT count(*) FROM t))
                """, [members - have_members, have_members])
            cursor.execute(
                """
                INSERT INTO training_certificate (number, person_id, course_id, organization_id, issued_on,
                    expires_on, verification_code, created_at)
                SELECT 'EB' || v.person_id || 'K' || c.id, v.person_id, c.id, v.organization_id, CURRENT_DATE - 400,
                       CURRENT_DATE + CASE WHEN mod(v.person_id, 11) = 0 THEN -5 ELSE 600 END,
                       md5('eb' || v.person_id || c.kind), now()
                FROM emergency_teammember m JOIN volunteers_volunteer v ON v.id = m.volunteer_id
                JOIN emergency_team t ON t.id = m.team_id
                JOIN emergency_teamstandard s ON s.team_type = t.team_type
                JOIN training_course c ON c.kind = ANY (s.required_course_kinds)
                WHERE t.name LIKE 'BENCH-%%' AND mod(v.person_id, 13) <> 0
                ON CONFLICT DO NOTHING
                """)
            cursor.execute(
                """
                INSERT INTO volunteers_insurance (volunteer_id, insurer, policy_number, starts_on, ends_on, created_at)
                SELECT m.volunteer_id, '基准保险', 'EB' || m.volunteer_id, CURRENT_DATE - 30, CURRENT_DATE + 300, now()
                FROM emergency_teammember m JOIN emergency_team t ON t.id = m.team_id
                WHERE t.name LIKE 'BENCH-%%' AND mod(m.volunteer_id, 17) <> 0
                  AND NOT EXISTS (SELECT 1 FROM volunteers_insurance i WHERE i.volunteer_id = m.volunteer_id)
                """)
        have_moves = StockMovement.objects.filter(lot__batch__startswith="BENCH-").count()
        if have_moves < movements:
            lots = max(1, movements // 100)
            print(f"seeding {lots:,} lots and {movements:,} stock movements …", flush=True)
            cursor.execute(
                """
                INSERT INTO emergency_warehouse (name, organization_id, region_id, address, is_active)
                SELECT 'BENCH-仓库-' || o.region_id, o.id, o.region_id, '基准', true
                FROM organizations_organization o WHERE o.kind = 'district_society' AND o.region_id LIKE '5101%%'
                ON CONFLICT DO NOTHING
                """)
            cursor.execute(
                """
                INSERT INTO emergency_stocklot (warehouse_id, item_id, batch, expires_on, quantity, received_on,
                    created_at)
                SELECT w.id, i.id, 'BENCH-' || g, CURRENT_DATE + mod(g, 700)::int - 30, 901, CURRENT_DATE - 100, now()
                FROM generate_series(1, %s) AS g
                JOIN LATERAL (SELECT id FROM emergency_warehouse WHERE name LIKE 'BENCH-%%' ORDER BY id
                              OFFSET mod(g, 20) LIMIT 1) w ON true
                JOIN LATERAL (SELECT id FROM emergency_item ORDER BY id OFFSET mod(g, 9) LIMIT 1) i ON true
                """, [lots])
            cursor.execute(
                """
                INSERT INTO emergency_stockmovement (lot_id, kind, quantity, balance_after, reason, created_at)
                SELECT l.id, CASE WHEN k = 1 THEN 'in' ELSE 'out' END, CASE WHEN k = 1 THEN 1000 ELSE -1 END,
                       1000 - (k - 1), '基准', now()
                FROM emergency_stocklot l CROSS JOIN generate_series(1, 100) AS k
                WHERE l.batch LIKE 'BENCH-%%'
                """)
        cursor.execute("ANALYZE emergency_team; ANALYZE emergency_teammember; ANALYZE emergency_stockmovement; "
                       "ANALYZE emergency_stocklot; ANALYZE training_certificate; ANALYZE volunteers_insurance")


MATRIX_SQL = """
    SELECT substr(region_id, 1, 6) || '000000' AS district, team_type, readiness, count(*)
    FROM emergency_team WHERE is_active GROUP BY 1, 2, 3
"""
# The same facts readiness is computed from, per team, in one statement.
FACTS_SQL = """
    SELECT t.id, t.team_type,
      (SELECT count(*) FROM emergency_teammember m JOIN volunteers_volunteer v ON v.id = m.volunteer_id
        WHERE m.team_id = t.id AND m.left_on IS NULL AND v.status IN ('signed_up', 'registered')) AS members,
      (SELECT count(*) FROM emergency_teammember m JOIN volunteers_volunteer v ON v.id = m.volunteer_id
        WHERE m.team_id = t.id AND m.left_on IS NULL AND v.status IN ('signed_up', 'registered')
          AND (SELECT count(DISTINCT c.course_id) FROM training_certificate c JOIN training_course k
               ON k.id = c.course_id WHERE c.person_id = v.person_id AND c.expires_on >= CURRENT_DATE
               AND k.kind = ANY (s.required_course_kinds)) = cardinality(s.required_course_kinds)) AS certified,
      (SELECT count(*) FROM emergency_teammember m WHERE m.team_id = t.id AND m.left_on IS NULL
          AND EXISTS (SELECT 1 FROM volunteers_insurance i WHERE i.volunteer_id = m.volunteer_id
                      AND i.starts_on <= CURRENT_DATE AND i.ends_on >= CURRENT_DATE)) AS insured,
      (SELECT max(held_on) FROM emergency_drill d WHERE d.team_id = t.id) AS last_drill,
      (SELECT count(*) FROM emergency_equipment e WHERE e.team_id = t.id AND e.next_inspection_on < CURRENT_DATE)
    FROM emergency_team t JOIN emergency_teamstandard s ON s.team_type = t.team_type WHERE t.is_active
"""
TOTALS_SQL = """
    SELECT i.code, i.name, i.unit,
           coalesce(sum(l.quantity) FILTER (WHERE l.expires_on IS NULL OR l.expires_on >= CURRENT_DATE), 0),
           coalesce(sum(l.quantity) FILTER (WHERE l.expires_on < CURRENT_DATE), 0), count(*)
    FROM emergency_stocklot l JOIN emergency_item i ON i.id = l.item_id WHERE l.quantity > 0
    GROUP BY i.code, i.name, i.unit ORDER BY i.code
"""
LEDGER_SQL = "SELECT lot_id, sum(quantity) FROM emergency_stockmovement GROUP BY lot_id"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=2_000)
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--movements", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    setup_bench_django()
    from django.db import connection
    from django.db.models import Count
    from rest_framework.test import APIClient

    from emergency import selectors, services
    from emergency.models import StockMovement, Team, TeamMember

    start = time.perf_counter()
    seed(args.teams, args.members, args.movements)
    print(f"teams: {Team.objects.count():,}; members: {TeamMember.objects.count():,}; "
          f"stock movements: {StockMovement.objects.count():,} (seeded in {time.perf_counter() - start:.1f} s); "
          f"runs per measurement: {args.runs}")

    def raw(sql):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()
        return run

    runs = max(3, args.runs // 10)

    def recompute_all_changed():
        Team.objects.update(readiness="red", readiness_reasons=[])  # every row differs: the worst night
        start = time.perf_counter()
        services.readiness_recompute()
        return (time.perf_counter() - start) * 1000

    worst = sorted(recompute_all_changed() for _ in range(runs))
    print(f"readiness recompute, every team changed: p50 {worst[len(worst) // 2]:.0f} ms, max {worst[-1]:.0f} ms")
    report("readiness recompute, whole city (steady)", timed(services.readiness_recompute, runs),
           timed(raw(FACTS_SQL), runs))
    p50, _ = timed(services.readiness_recompute, 3)
    print(f"readiness recompute for {Team.objects.count():,} teams: {p50 / 1000:.2f} s (budget 5 s)")
    colours = dict(Team.objects.values_list("readiness").annotate(n=Count("id")).order_by())
    print(f"  colours after recompute: {colours}")
    report("readiness matrix (20 districts × 6 types)", timed(lambda: selectors.readiness_matrix(), args.runs),
           timed(raw(MATRIX_SQL), args.runs))
    report("stock totals (running figures)", timed(lambda: selectors.stock_totals(), args.runs),
           timed(raw(TOTALS_SQL), args.runs))
    report("ledger check (sum of every movement)", timed(raw(LEDGER_SQL), runs), timed(raw(LEDGER_SQL), runs))

    from django.contrib.auth import get_user_model

    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(username="city_admin"))
    client.get("/api/v1/emergency/readiness/")

    def api(url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, response.content[:200]
        return run

    report("API readiness matrix", timed(api("/api/v1/emergency/readiness/"), args.runs),
           timed(raw(MATRIX_SQL), args.runs))
    team_sql = """SELECT t.*, o.name, r.name FROM emergency_team t JOIN organizations_organization o
        ON o.id = t.organization_id JOIN organizations_region r ON r.code = t.region_id ORDER BY t.id DESC LIMIT 51"""
    report("API team list, 50 rows", timed(api("/api/v1/emergency/teams/?page_size=50"), args.runs),
           timed(raw(team_sql), args.runs))


if __name__ == "__main__":
    main()
