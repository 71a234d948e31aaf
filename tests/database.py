"""The test database: migrated once into a template, then copied for each session and each xdist worker.

Applying every migration renders the project state again after each operation (about two minutes for this
project's models and history triggers). The result only changes when a migration does, so it is kept as a
PostgreSQL template named after a digest of every installed app's migration files, with the roles and the
regions loaded; a session (or each of `pytest -n`'s workers) starts from `CREATE DATABASE … TEMPLATE …`
in about a second. The migrations still run, once, whenever any of them changes or the cluster is new (CI).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / ".data" / "test-template.lock"


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


def _build_template(connection, name: str) -> None:
    """Migrate a fresh database, load roles and regions, and only then give it the template's name."""
    from organizations.services import regions_load
    from redcross.roles import sync_roles

    building = f"{name}_building"
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
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')


def setup_test_database(*, keepdb: bool) -> str:
    """Create the session's test database from the current template; return the name the settings had."""
    from django.conf import settings
    from django.db import connection

    original_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    template = f"test_{original_name}_template_{migrations_digest()}"
    with _exclusive():
        with connection.creation._nodb_cursor() as cursor:
            existing = _databases(cursor, f"test_{original_name}%")
        if template not in existing:
            with connection.creation._nodb_cursor() as cursor:
                for stale in _databases(cursor, f"test_{original_name}_template_%"):
                    _drop(cursor, stale)
            _build_template(connection, template)
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
