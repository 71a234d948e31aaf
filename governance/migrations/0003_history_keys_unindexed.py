# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0002_redundant_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                governance_actionitemevent_owner_id_512baeef,
                governance_auditreportevent_organization_id_a92f6138,
                governance_supervisionopinionevent_meeting_id_0a02868a,
                governance_supervisionopinionevent_owner_id_0119d4e3,
                governance_supervisorymeetingevent_organization_id_467b3987,
                governance_supervisorymemberevent_organization_id_70d18540;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
