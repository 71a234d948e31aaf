"""Benchmark of follow-up visits: the city's board and the rate recomputation against raw SQL.

    make bench ARGS="followups"                                  # 1,000,000 volunteers, 100,000 visits, 20,000 issues
    make bench ARGS="followups --volunteers 20000 --visits 2000 --issues 400 --runs 20"   # smoke size

Runs in the same bench database as bench/run.py (<name>_bench), seeded once with generate_series. Prints the
board for the whole city (what a city administrator opens) against one raw SQL query per figure it shows,
and the recomputation of every district's rates (the worker's job after each visit) against the raw SQL
aggregate of the same figures. Not part of the test suite's pass/fail.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import report, seed_people, setup_bench_django, timed  # noqa: E402


def seed(volunteers, visits, issues):
    from django.db import connection

    from bench.volunteers import seed_volunteers
    from followups.models import Issue, Visit

    seed_people(volunteers)
    seed_volunteers(volunteers)
    with connection.cursor() as cursor:
        have = Visit.objects.filter(companions="bench").count()
        if have < visits:
            print(f"seeding {visits - have:,} visits …", flush=True)
            cursor.execute(
                """
                INSERT INTO followups_visit (party_kind, volunteer_id, organization_id, region_id, party_key, method,
                    visited_on, companions, difficulties, difficulties_text, suggestions, satisfaction,
                    notes_encrypted, is_typical, created_by_id, created_at)
                SELECT 'volunteer', v.id, v.organization_id, o.region_id, 'volunteer:' || v.id,
                       (ARRAY['on_site','phone','online','forum'])[1 + mod(v.id, 4)],
                       make_date(extract(year FROM now())::int, 1, 1) + mod(v.id, extract(doy FROM now())::int)::int,
                       'bench',
                       ARRAY['family']::varchar[], '', '', 1 + mod(v.id, 5), '', false,
                       (SELECT id FROM auth_user WHERE username = 'city_admin'), now()
                FROM volunteers_volunteer v JOIN organizations_organization o ON o.id = v.organization_id
                WHERE v.status IN ('signed_up', 'registered')
                  AND NOT EXISTS (SELECT 1 FROM followups_visit x WHERE x.volunteer_id = v.id)
                ORDER BY md5(v.id::text)
                LIMIT %s
                """,
                [visits - have],
            )
        have = Issue.objects.filter(department="bench").count()
        if have < issues:
            print(f"seeding {issues - have:,} issues …", flush=True)
            cursor.execute(
                """
                INSERT INTO followups_issue (visit_id, organization_id, region_id, category, title, description,
                    department, due_on, status, resolution, feedback, opened_at, created_by_id)
                SELECT x.id, x.organization_id, x.region_id, 'family', '困难' || x.id, '', 'bench',
                       x.visited_on + 30,
                       (ARRAY['open','assigned','in_progress','resolved','closed','unresolvable'])[1 + mod(x.id, 6)],
                       '', '', x.visited_on::timestamptz, x.created_by_id
                FROM followups_visit x
                WHERE x.companions = 'bench' AND NOT EXISTS (SELECT 1 FROM followups_issue i WHERE i.visit_id = x.id)
                ORDER BY x.id LIMIT %s
                """,
                [issues - have],
            )
        cursor.execute("ANALYZE followups_visit")
        cursor.execute("ANALYZE followups_issue")


BOARD_SQL = [
    # The rates per district (the running figures the worker keeps).
    """SELECT r.region_id, r.party_kind, r.eligible, r.visited, r.target_rate, reg.name FROM followups_visitrate r
       JOIN organizations_region reg ON reg.code = r.region_id
       WHERE r.year = %(year)s AND r.party_kind IN ('volunteer', 'caring_enterprise') ORDER BY r.region_id""",
    # Due and overdue plan items.
    """SELECT count(*) FILTER (WHERE due_on >= %(today)s), count(*) FILTER (WHERE due_on < %(today)s)
       FROM followups_planitem i JOIN followups_visitplan p ON p.id = i.plan_id
       WHERE i.visit_id IS NULL AND p.year = %(year)s""",
    """SELECT i.id, i.due_on FROM followups_planitem i JOIN followups_visitplan p ON p.id = i.plan_id
       WHERE i.visit_id IS NULL AND p.year = %(year)s AND i.due_on < %(today)s ORDER BY i.due_on, i.id LIMIT 10""",
    # Issues by status and by age.
    "SELECT status, count(*) FROM followups_issue GROUP BY status",
    """SELECT count(*) FILTER (WHERE opened_at >= now() - interval '7 days'),
              count(*) FILTER (WHERE opened_at < now() - interval '90 days'),
              count(*) FILTER (WHERE due_on < %(today)s)
       FROM followups_issue WHERE status IN ('open', 'assigned', 'in_progress')""",
    # Latest bulletins.
    """SELECT b.id, b.title, o.name FROM followups_bulletin b JOIN organizations_organization o
       ON o.id = b.organization_id WHERE b.status = 'published' ORDER BY b.published_at DESC LIMIT 6""",
]

RATES_SQL = """
    SELECT substr(o.region_id, 1, 6), count(*),
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM followups_visit x WHERE x.volunteer_id = v.id
                                           AND x.visited_on >= %(start)s AND x.visited_on <= %(today)s))
    FROM volunteers_volunteer v JOIN organizations_organization o ON o.id = v.organization_id
    WHERE v.status IN ('signed_up', 'registered') AND v.decided_at < %(tomorrow)s
    GROUP BY 1
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--volunteers", type=int, default=1_000_000)
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--issues", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()

    setup_bench_django()
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from followups import selectors, services
    from followups.models import Issue, Visit
    from volunteers.models import Volunteer

    seed(args.volunteers, args.visits, args.issues)
    print(f"volunteers: {Volunteer.objects.count():,}; visits: {Visit.objects.count():,}; "
          f"issues: {Issue.objects.count():,}; runs per measurement: {args.runs}")
    today = timezone.localdate()
    params = {"year": today.year, "today": today, "start": today.replace(month=1, day=1),
              "tomorrow": today + timedelta(days=1)}

    def raw(statements):
        def run():
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql, params)
                    cursor.fetchall()
        return run

    recompute_runs = max(3, args.runs // 20)
    report("rates recompute, whole city (worker)", timed(lambda: services.rates_recompute(year=today.year),
                                                         recompute_runs),
           timed(raw([RATES_SQL]), recompute_runs))
    p50, _ = timed(lambda: services.rates_recompute(year=today.year), 3)
    print(f"rates recompute for every district: {p50 / 1000:.2f} s (budget 5 s)")
    one = "510104000000"
    report("rates recompute, one district (after a visit)",
           timed(lambda: services.rates_recompute(year=today.year, district=one), recompute_runs),
           timed(raw([RATES_SQL.replace("GROUP BY 1", "AND o.region_id LIKE '510104%%' GROUP BY 1")]),
                 recompute_runs))

    admin = get_user_model().objects.get(username="city_admin")
    report("board figures, whole city (selector)", timed(lambda: selectors.board(user=admin), args.runs),
           timed(raw(BOARD_SQL), args.runs))
    client = Client()
    client.force_login(admin)
    client.get("/portal/followups/")

    def page():
        response = client.get("/portal/followups/")
        assert response.status_code == 200
    report("board page, whole city (HTML)", timed(page, args.runs), timed(raw(BOARD_SQL), args.runs))


if __name__ == "__main__":
    main()
