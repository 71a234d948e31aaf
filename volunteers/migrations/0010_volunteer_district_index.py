import django.db.models.functions.text
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models

from redcross.scoping import region_backfill


class Migration(migrations.Migration):
    # Without locking the table: on a city's database the rows and the index take minutes.
    atomic = False

    dependencies = [
        ('volunteers', '0009_scope_region'),
    ]

    operations = [
        # Every volunteer already kept takes its organisation's region, a batch at a time (no history event: the
        # column is not tracked).
        region_backfill("volunteers_volunteer", "scope_region = o.region_id",
                        "FROM organizations_organization AS o WHERE o.id = t.organization_id"),
        AddIndexConcurrently(
            model_name='volunteer',
            index=models.Index(django.db.models.functions.text.Left('scope_region', 6), models.F('id'),
                               name='volunteer_district_idx'),
        ),
    ]
