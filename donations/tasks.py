"""Disclosures published on schedule by beat; thin and idempotent (one disclosure per period)."""

from celery import shared_task

from donations import services
from donations.models import Disclosure
from donations.selectors import disclosures_due


@shared_task(name="donations.tasks.publish_due_disclosures", acks_late=True, ignore_result=True)
def publish_due_disclosures():
    published = set(Disclosure.objects.values_list("kind", "fund_id", "period_start"))
    count = 0
    for kind, fund, start, end, due in disclosures_due():
        if (kind, fund.pk if fund else None, start) in published:
            continue
        services.disclosure_publish(kind=kind, fund=fund, period_start=start, period_end=end, due_on=due)
        count += 1
    return count
