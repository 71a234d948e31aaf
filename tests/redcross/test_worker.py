"""Integration: a real Celery worker on the real Redis broker, against the test database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from organizations.models import CoverageSnapshot
from redcross.tasks import HEARTBEAT_KEY

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def database_url():
    database = connection.settings_dict
    host = database.get("OPTIONS", {}).get("host") or database["HOST"] or ""
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    if host.startswith("/"):
        return f"postgresql://{credentials}@/{database['NAME']}?host={host}"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgresql://{credentials}@{host}{port}/{database['NAME']}"


def empty_broker():
    """Nothing queued or held unacknowledged in this test process's Redis database (tests/parallel.py gives each
    pytest-xdist worker its own): a task left by an earlier test, redelivered after its worker was stopped, would
    otherwise run first in the next test's worker and hold up the task that test waits for."""
    from redcross.celery import app

    app.control.purge()
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        channel.client.delete(channel.unacked_key, channel.unacked_index_key)


@pytest.fixture
def start_worker(platform_data):
    """Start real worker processes whose DATABASE_URL points at the test database."""
    from redcross.celery import app

    app.conf.task_always_eager = False
    empty_broker()
    processes = []

    def start():
        env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL,
               "CELERY_VISIBILITY_TIMEOUT": "3", "CELERY_UNACKED_RESTORE_INTERVAL": "1"}
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "redcross", "worker", "--pool", "solo", "--loglevel", "warning",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, start_new_session=True,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
    empty_broker()
    app.conf.task_always_eager = True


def wait_for(predicate, seconds=45):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_real_worker_computes_coverage_and_reports_its_heartbeat(start_worker, client):
    from organizations.tasks import coverage_recompute
    from redcross.tasks import heartbeat

    cache.delete(HEARTBEAT_KEY)
    start_worker()
    heartbeat.delay()
    coverage_recompute.delay()
    assert wait_for(lambda: CoverageSnapshot.objects.filter(region_id="510100000000").exists()), "no snapshot"
    assert CoverageSnapshot.objects.get(region_id="510100000000").communities_total == 3047
    assert wait_for(lambda: cache.get(HEARTBEAT_KEY) is not None)
    assert client.get("/healthz").status_code == 200


def test_a_task_survives_a_worker_killed_mid_run(start_worker):
    """acks_late + reject_on_worker_lost: a killed worker's task is delivered again and completes once."""
    from django.db import connections

    from organizations.tasks import coverage_recompute

    blocker = connections.create_connection("default")
    blocker.set_autocommit(False)
    with blocker.cursor() as cursor:
        # The task will block on its upsert while this lock is held.
        cursor.execute("LOCK TABLE organizations_coveragesnapshot IN ACCESS EXCLUSIVE MODE")
        first = start_worker()
        coverage_recompute.delay()
        with connection.cursor() as probe:
            assert wait_for(lambda: _waiting_on_lock(probe)), "the task never reached the database"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
    blocker.rollback()
    blocker.close()
    assert not CoverageSnapshot.objects.exists()
    start_worker()
    assert wait_for(lambda: CoverageSnapshot.objects.filter(region_id="510100000000").exists(), 60), \
        "the task was lost with the killed worker"
    assert CoverageSnapshot.objects.filter(region_id="510100000000").count() == 1


def _waiting_on_lock(cursor):
    cursor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    return cursor.fetchone()[0] > 0
