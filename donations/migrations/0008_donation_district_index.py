import django.db.models.functions.text
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models

from redcross.scoping import region_backfill


class Migration(migrations.Migration):
    # Without locking the table: on a city's database the rows and the index take minutes.
    atomic = False

    dependencies = [
        ('donations', '0007_donation_scope_region'),
    ]

    operations = [
        # Every gift already recorded takes its receiving organisation's region, a batch at a time (no history
        # event: the column is not tracked, and the final gifts' trigger does not guard it).
        region_backfill("donations_donation", "scope_region = o.region_id",
                        "FROM organizations_organization AS o WHERE o.id = t.organization_id"),
        AddIndexConcurrently(
            model_name='donation',
            index=models.Index(django.db.models.functions.text.Left('scope_region', 6), models.F('id'),
                               name='donation_district_idx'),
        ),
    ]
