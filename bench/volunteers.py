"""Volunteer benchmarks: the API list at 1,000,000 volunteers against raw SQL, and a 100,000-row Excel import.

Called by bench/run.py (`make bench ARGS="--volunteers 1000000 --volunteer-import-rows 100000"`).
"""


def seed_volunteers(target):
    """One volunteer per seeded person, in the district society of the person's region, until `target`."""
    from django.db import connection

    from volunteers.models import Volunteer

    have = Volunteer.objects.count()
    if have >= target:
        return have
    print(f"seeding {target - have:,} volunteers …", flush=True)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO volunteers_volunteer (person_id, organization_id, number, tier, status, skills, qualifications,
                availability, consent_at, guardian_name, applied_at, decided_at, confirmed_hours, stars,
                decline_reason, scope_region)
            SELECT p.id, o.id, 'B' || lpad(p.id::text, 12, '0'),
                   CASE WHEN mod(p.id, 4) = 0 THEN 'professional' ELSE 'community' END,
                   CASE WHEN mod(p.id, 10) = 0 THEN 'applied' WHEN mod(p.id, 3) = 0 THEN 'registered'
                        ELSE 'signed_up' END,
                   CASE WHEN mod(p.id, 5) = 0 THEN ARRAY['first_aider'] ELSE ARRAY[]::varchar[] END, '', '',
                   now(), '', now(), now(), mod(p.id, 700), LEAST(mod(p.id, 700) / 150, 5), '',
                   o.region_id  -- what the trigger keeps (off while bench/lists.py seeds)
            FROM people_person p
            JOIN organizations_organization o
              ON o.region_id = substr(p.region_id, 1, 6) || '000000' AND o.kind = 'district_society'
            WHERE NOT EXISTS (SELECT 1 FROM volunteers_volunteer v WHERE v.person_id = p.id)
            ORDER BY p.id
            LIMIT %s
            """,
            [target - have],
        )
        cursor.execute("UPDATE volunteers_volunteer SET number = '' WHERE status = 'applied' AND number LIKE 'B%%'")
        cursor.execute("ANALYZE volunteers_volunteer")
    return Volunteer.objects.count()


def bench_list(client, raw, api, timed, report, runs):
    list_sql = """
        SELECT v.id, v.number, p.full_name, p.document_number_masked, v.organization_id, o.name, v.tier, v.status,
               v.skills, v.qualifications, v.availability, v.confirmed_hours, v.stars, v.applied_at, v.registered_at
        FROM volunteers_volunteer v
        JOIN people_person p ON p.id = v.person_id
        JOIN organizations_organization o ON o.id = v.organization_id
        WHERE left(v.scope_region, 6) = '510104' ORDER BY v.id DESC LIMIT 51"""
    report("API volunteer list, page 1 (锦江区 scope)", timed(api("/api/v1/volunteers/volunteers/?page_size=50"), runs),
           timed(raw(list_sql), runs))
    skill_sql = list_sql.replace("ORDER BY", "AND v.skills @> ARRAY['first_aider']::varchar[] ORDER BY")
    report(
        "API volunteer list, skill filter",
        timed(api("/api/v1/volunteers/volunteers/?page_size=50&skill=first_aider"), runs),
        timed(raw(skill_sql), runs),
    )


def bench_import(rows, user):
    from bench.run import generated_id, run_import

    run_import("volunteers.volunteer", ["姓名", "证件类型", "证件号码", "手机号码", "区划代码", "志愿者类别", "技能"],
               lambda n, serial: [f"志愿{serial}", "居民身份证", generated_id(serial), f"137{serial % 10**8:08d}",
                                  "510104022006", "专业志愿者" if n % 4 == 0 else "社区志愿者",
                                  "持证救护员" if n % 5 == 0 else ""],
               rows, user, "volunteers", "100,000 rows in 60 s")
