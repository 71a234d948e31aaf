import django.db.models.functions.text
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models

from redcross.scoping import region_backfill


class Migration(migrations.Migration):
    # Without locking the table: on a city's database the rows and the index take minutes.
    atomic = False

    dependencies = [
        ('volunteers', '0006_record_scope_region'),
    ]

    operations = [
        # Every record already kept takes its volunteer's organisation's region, a batch at a time (no history
        # event: the column is not tracked; a confirmed record may change in that column alone).
        region_backfill("volunteers_servicerecord", "scope_region = o.region_id",
                        "FROM volunteers_volunteer AS v JOIN organizations_organization AS o "
                        "ON o.id = v.organization_id WHERE v.id = t.volunteer_id"),
        AddIndexConcurrently(
            model_name='servicerecord',
            index=models.Index(django.db.models.functions.text.Left('scope_region', 6), models.F('id'),
                               name='record_district_idx'),
        ),
    ]
