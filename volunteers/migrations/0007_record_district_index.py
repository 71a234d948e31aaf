import django.db.models.functions.text
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Built without locking the table's writes: on a city's database it takes a while.
    atomic = False

    dependencies = [
        ('volunteers', '0006_record_scope_region'),
    ]

    operations = [
        AddIndexConcurrently(
            model_name='servicerecord',
            index=models.Index(django.db.models.functions.text.Left('scope_region', 6), models.F('id'),
                               name='record_district_idx'),
        ),
    ]
