import logging

from celery import shared_task
from celery.signals import worker_ready
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "worker-heartbeat"

logger = logging.getLogger("redcross.tasks")


def enqueue(task, **kwargs):
    """Send a task after a commit without letting a dead broker turn the committed write into a 500.

    The task is lost only while Redis is down; the periodic tasks that beat runs catch up once it is back.
    """
    try:
        task.apply_async(kwargs=kwargs, retry=False)
    except Exception as exc:  # noqa: BLE001 - broker unreachable: the write stands, the work is redone later
        logger.warning("could not queue %s (%s): the broker is unreachable", task.name, exc.__class__.__name__)


def enqueue_on_commit(task, **kwargs):
    from django.db import transaction

    transaction.on_commit(lambda: enqueue(task, **kwargs))


@shared_task(name="redcross.tasks.heartbeat", ignore_result=True)
def heartbeat():
    """Beat schedules this every 15 s; /healthz reads its age."""
    cache.set(HEARTBEAT_KEY, timezone.now().timestamp(), timeout=None)


@worker_ready.connect
def _on_worker_ready(**kwargs):
    heartbeat()


@shared_task(name="redcross.tasks.import_process", ignore_result=True, acks_late=True)
def import_process(job_id):
    """Validate and write one bulk import; idempotent (see redcross.imports.import_run)."""
    from redcross.imports import import_run

    import_run(job_id)


@shared_task(name="redcross.tasks.notifications_deliver", ignore_result=True, acks_late=True)
def notifications_deliver():
    """Send what is due; safe to run twice or after a dead worker (see redcross.delivery)."""
    from redcross.delivery import deliver_due

    return deliver_due()


@shared_task(name="redcross.tasks.digests_send", ignore_result=True, acks_late=True)
def digests_send(frequency="daily"):
    from redcross.digests import digests_send as queue_digests

    return queue_digests(frequency=frequency)


@shared_task(name="redcross.tasks.imports_expire", ignore_result=True)
def imports_expire():
    """Delete the uploads nobody decided on in time (see redcross.imports.imports_expire)."""
    from redcross.imports import imports_expire as expire

    return expire()


@shared_task(name="redcross.tasks.totals_check", ignore_result=True)
def totals_check():
    """Nightly: every running figure recomputed from scratch; drift recorded and logged (see redcross.totals)."""
    from redcross.totals import totals_check as check

    return check().drift_count
