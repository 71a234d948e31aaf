"""锦江 samples for the platform's own models, discovered by the platform walks (tests/platform/)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from redcross.models import ImportJob
from redcross.plan.models import TargetSnapshot


def import_job(personas):
    return ImportJob.objects.create(kind="people.person", file_name="锦江样本.xlsx", content=b"",
                                    created_by=personas["jinjiang"], region_id="510104000000")


def target_snapshot(personas, *, region="510104000000", day=None):
    snapshot, _ = TargetSnapshot.objects.get_or_create(
        target="grassroots.towns_sanyou", region_id=region, day=day or timezone.localdate(),
        defaults={"numerator": Decimal(3), "denominator": Decimal(4), "value": Decimal("75.00"),
                  "target_value": Decimal(100), "computed_at": timezone.now()})
    return snapshot


def many(personas):
    today = timezone.localdate()
    for back in range(8):
        target_snapshot(personas, day=today - timedelta(days=back))
        target_snapshot(personas, region="510105000000", day=today - timedelta(days=back))


SAMPLES = {
    ImportJob: import_job,
    TargetSnapshot: target_snapshot,
}
