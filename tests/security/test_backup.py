"""Backups that restore: dump the test database, restore it into a new one, find everything identical."""

from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

from redcross import backup

pytestmark = pytest.mark.django_db(transaction=True)


def url(name):
    s = connection.settings_dict
    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s["PASSWORD"] else "")
    host = s["HOST"] or s["OPTIONS"].get("host", "")
    if host.startswith("/"):
        return f"postgresql://{auth}@/{name}?host={quote(host)}" + (f"&port={s['PORT']}" if s["PORT"] else "")
    return f"postgresql://{auth}@{host}:{s['PORT'] or 5432}/{name}"


FIGURES = {
    "ledger": """SELECT status, count(*), coalesce(sum(amount), 0) FROM donations_donation GROUP BY status
                 ORDER BY status""",
    "spending": "SELECT status, count(*), coalesce(sum(amount), 0) FROM donations_disbursement GROUP BY 1 ORDER BY 1",
    "receipts": "SELECT string_agg(receipt_number, ',' ORDER BY receipt_number) FROM donations_donation",
    "counters": "SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM redcross_counter",
    "funds": "SELECT string_agg(code || ':' || received || ':' || spent, ',' ORDER BY code) FROM donations_fund",
}


def figures(database_url):
    with psycopg.connect(database_url) as conn:
        found = {name: conn.execute(sql).fetchall() for name, sql in FIGURES.items()}
        tables = [row[0] for row in conn.execute("SELECT table_name FROM information_schema.tables WHERE "
                                                 "table_schema = 'public' AND table_type = 'BASE TABLE'")]
        found["tables"] = {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
        found["sequences"] = conn.execute("SELECT sequencename, last_value FROM pg_sequences "
                                          "WHERE schemaname = 'public' ORDER BY 1").fetchall()
    return found


def test_a_dump_restores_into_a_new_database_with_identical_counts_sums_and_sequences(personas, tmp_path):
    from tests.donations.samples import disbursement, fund, gift

    source = fund(personas)
    for amount in ("100.00", "250.50", "19.99"):
        gift(personas, source, amount)
    disbursement(personas, source, "80.00", approve=True)
    here = url(connection.settings_dict["NAME"])
    before = figures(here)
    assert before["tables"]["donations_donation"] == 3 and len(before["tables"]) > 40

    dumped = backup.dump(here, tmp_path / "redcross.dump")
    assert dumped.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    copy = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        admin.execute(f'CREATE DATABASE "{copy}"')
    try:
        backup.restore(url(copy), dumped)
        assert figures(url(copy)) == before
    finally:
        with psycopg.connect(url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
