from celery import shared_task
from celery.signals import worker_ready
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "worker-heartbeat"


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
