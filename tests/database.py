"""The test database: migrated once into a template, then copied for each session and each xdist worker.

Applying every migration renders the project state again after each operation (about two minutes for this
project's models and history triggers). The result only changes when a migration does, so it is kept as a
PostgreSQL template named after a digest of every installed app's migration files, with the roles and the
regions loaded; a session (or each of `pytest -n`'s workers) starts from `CREATE DATABASE … TEMPLATE …`
in about a second.

A new cluster (a fresh clone, CI) has no template yet. Replaying the migrations costs two to three minutes of
CI's fifteen, so the template is also kept in the repository as `tests/schema.sql`: a plain `pg_dump` of it,
headed by the migration digest and the PostgreSQL major version it was made from. When both match, psql loads
it in a few seconds; when they do not (a migration changed, another PostgreSQL), the migrations run as before
and the file is written again, to be committed with the migration. The snapshot is therefore always the result
of running the migrations, never a hand-kept schema; `makemigrations --check` in CI keeps the migrations
themselves in step with the models.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / ".data" / "test-template.lock"
SNAPSHOT = ROOT / "tests" / "schema.sql"
LIBPQ_KEYS = {"host", "port", "user", "password", "sslmode", "options", "application_name"}  # the rest is psycopg's
SNAPSHOT_HEADER = "-- test template: migrations {digest}, PostgreSQL {major}\n"


def migrations_digest() -> str:
    """A digest of every installed app's migration files (the project's and the libraries')."""
    from django.apps import apps

    digest = hashlib.sha256()
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        folder = Path(config.path) / "migrations"
        for path in sorted(folder.glob("*.py")):
            digest.update(f"{config.label}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def _exclusive():
    """One process at a time builds or copies the template (xdist workers start together)."""
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with open(LOCK, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _databases(cursor, pattern: str) -> set[str]:
    cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [pattern])
    return {row[0] for row in cursor.fetchall()}


def _drop(cursor, name: str) -> None:
    cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _libpq(connection, database: str) -> tuple[list[str], dict[str, str]]:
    """Command-line options that point pg_dump / psql at `database` on the test server (a libpq conninfo)."""
    from psycopg.conninfo import make_conninfo

    params = connection.get_connection_params()
    conninfo = make_conninfo(**{key: value for key, value in params.items() if key in LIBPQ_KEYS and value is not None},
                             dbname=database)
    return ["--dbname", conninfo, "--no-password"], os.environ.copy()


def _server_major(connection) -> int:
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _load_snapshot(connection, building: str, header: str) -> bool:
    """Create `building` from tests/schema.sql when it was made from these migrations on this PostgreSQL."""
    from redcross.backup import pg_binary

    try:
        with open(SNAPSHOT, encoding="utf-8") as fh:
            if fh.readline() != header:
                return False
        psql = pg_binary("psql")
    except (OSError, FileNotFoundError):
        return False
    with connection.creation._nodb_cursor() as cursor:
        _drop(cursor, building)
        cursor.execute(f'CREATE DATABASE "{building}"')
    options, env = _libpq(connection, building)
    loaded = subprocess.run([psql, *options, "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1",
                             "--file", str(SNAPSHOT)], env=env, capture_output=True, text=True)
    if loaded.returncode:
        print(f"tests/schema.sql did not load ({loaded.stderr.strip()[:500]}); migrating instead", file=sys.stderr)
        with connection.creation._nodb_cursor() as cursor:
            _drop(cursor, building)
        return False
    return True


def _snapshot_header(connection, digest: str) -> str:
    return SNAPSHOT_HEADER.format(digest=digest, major=_server_major(connection))


def load_snapshot(connection, name: str) -> bool:
    """Create database `name` from tests/schema.sql if it was made from these migrations on this PostgreSQL.

    The benchmarks' database starts so on a new cluster (bench/run.py); False when the file does not match.
    """
    return _load_snapshot(connection, name, _snapshot_header(connection, migrations_digest()))


def _write_snapshot(connection, building: str, header: str) -> None:
    """tests/schema.sql from the database the migrations just built (commit it with the migration)."""
    from redcross.backup import pg_binary

    options, env = _libpq(connection, building)
    dumped = subprocess.run([pg_binary("pg_dump"), *options, "--no-owner", "--no-privileges"],
                            env=env, capture_output=True, text=True, check=True)
    SNAPSHOT.write_text(header + dumped.stdout, encoding="utf-8")
    print("tests/schema.sql written from the migrations: commit it with them", file=sys.stderr)


def _build_template(connection, name: str, digest: str) -> None:
    """Load or migrate a fresh database, load roles and regions, and only then give it the template's name."""
    from organizations.services import regions_load
    from redcross.roles import sync_roles

    building = f"{name}_building"
    header = _snapshot_header(connection, digest)
    if _load_snapshot(connection, building, header):
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        return
    test = connection.settings_dict.setdefault("TEST", {})
    original_test_name, original_name = test.get("NAME"), connection.settings_dict["NAME"]
    test["NAME"] = building
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        sync_roles()
        regions_load()
    finally:
        from django.conf import settings

        connection.close()
        test["NAME"] = original_test_name
        connection.settings_dict["NAME"] = settings.DATABASES[connection.alias]["NAME"] = original_name
    _write_snapshot(connection, building, header)
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')


def setup_test_database(*, keepdb: bool) -> str:
    """Create the session's test database from the current template; return the name the settings had."""
    from django.conf import settings
    from django.db import connection

    original_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    digest = migrations_digest()
    template = f"test_{original_name}_template_{digest}"
    with _exclusive():
        with connection.creation._nodb_cursor() as cursor:
            existing = _databases(cursor, f"test_{original_name}%")
        if template not in existing:
            with connection.creation._nodb_cursor() as cursor:
                for stale in _databases(cursor, f"test_{original_name}_template_%"):
                    _drop(cursor, stale)
            _build_template(connection, template, digest)
        if not (keepdb and test_name in existing):
            with connection.creation._nodb_cursor() as cursor:
                _drop(cursor, test_name)
                cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    return original_name


def teardown_test_database(original_name: str, *, keepdb: bool) -> None:
    from django.db import connection

    # The live server's thread and killed workers may leave sessions behind; end them first.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    connection.creation.destroy_test_db(original_name, verbosity=0, keepdb=keepdb)
