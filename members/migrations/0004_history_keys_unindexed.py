# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0003_redundant_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                members_contributionevent_member_id_8c7ea93e,
                members_contributionevent_recorded_by_id_474124fa,
                members_duespaymentevent_member_id_1ef26bb8,
                members_duespaymentevent_recorded_by_id_a990d7cb,
                members_memberevent_contact_person_id_c2dc82ec,
                members_memberevent_created_by_id_5c7313fa,
                members_memberevent_organization_id_9d59faa6,
                members_memberevent_person_id_4be0b90a,
                members_memberevent_region_id_144db2d9,
                members_memberevent_region_id_144db2d9_like,
                members_memberevent_society_id_5ff60b8d,
                members_memberevent_unit_id_6d24a5e8;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
