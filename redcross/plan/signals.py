"""After a recomputation that feeds plan targets succeeds on a worker, take today's snapshot.

The recomputing apps are named in the setting `REDCROSS["PLAN_SNAPSHOT_AFTER"]`
(task names), so the plumbing never imports them. Eager runs (unit tests,
scripts) do not chain: the caller takes the snapshot when it wants one.
"""

from celery.signals import task_success
from django.conf import settings


@task_success.connect
def snapshot_after_recompute(sender=None, **kwargs):
    if sender is None or sender.name not in settings.REDCROSS.get("PLAN_SNAPSHOT_AFTER", ()):
        return False
    if getattr(sender.request, "is_eager", False):
        return False
    from redcross.plan.tasks import snapshots_take

    snapshots_take.delay()
    return True
