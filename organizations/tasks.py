from celery import shared_task

from organizations import services


@shared_task(name="organizations.tasks.coverage_recompute", ignore_result=True, acks_late=True)
def coverage_recompute():
    """Recompute today's coverage snapshots; safe to run twice (an upsert per region and day)."""
    return services.coverage_recompute()


@shared_task(name="organizations.tasks.coverage_figures_recompute", ignore_result=True, acks_late=True)
def coverage_figures_recompute():
    """Institutions by type, centres by zone and host kind, squares and compacts; an upsert per region, day, key."""
    from organizations import grassroots_services

    grassroots_services.certificate_figures_refresh()
    return grassroots_services.coverage_figures_recompute()


@shared_task(name="organizations.tasks.remind_inspections_due", ignore_result=True, acks_late=True)
def remind_inspections_due():
    """Tell each district which centres and AEDs are due for inspection; once per place and due date."""
    from organizations import grassroots_selectors

    return grassroots_selectors.inspection_reminders_send()
