# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0005_redundant_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                people_personaldatarequestevent_answered_by_id_9e4454b9,
                people_personaldatarequestevent_person_id_cc056754,
                people_personaldatarequestevent_recorded_by_id_e3495154,
                people_personevent_region_id_54f5b67b,
                people_personevent_region_id_54f5b67b_like;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
