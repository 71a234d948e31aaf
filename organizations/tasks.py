from celery import shared_task

from organizations import services


@shared_task(name="organizations.tasks.coverage_recompute", ignore_result=True, acks_late=True)
def coverage_recompute():
    """Recompute today's coverage snapshots; safe to run twice (an upsert per region and day)."""
    return services.coverage_recompute()
