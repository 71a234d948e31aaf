# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0007_redundant_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                organizations_aedinspectionevent_station_id_c220aca8,
                organizations_aedstationevent_institution_id_f8870811,
                organizations_aedstationevent_region_id_6f0caf7c,
                organizations_aedstationevent_region_id_6f0caf7c_like,
                organizations_centreevent_accepted_by_id_c9054d34,
                organizations_centreevent_district_id_dffa514f,
                organizations_centreevent_district_id_dffa514f_like,
                organizations_centreevent_host_id_ba78586e,
                organizations_centreevent_region_id_439df626,
                organizations_centreevent_region_id_439df626_like,
                organizations_centreinspectionevent_centre_id_83a38114,
                organizations_centrestaffevent_centre_id_56f16704,
                organizations_institutionevent_member_unit_id_f9f1dd57,
                organizations_institutionevent_region_id_67479815,
                organizations_institutionevent_region_id_67479815_like,
                organizations_organizationevent_parent_id_2ed0a0de,
                organizations_organizationevent_region_id_dfea5380,
                organizations_organizationevent_region_id_dfea5380_like,
                organizations_partnersiteevent_region_id_b93b12b1,
                organizations_partnersiteevent_region_id_b93b12b1_like,
                organizations_regionevent_parent_id_e2b94a67,
                organizations_regionevent_parent_id_e2b94a67_like,
                organizations_staffprofileevent_organization_id_7a127e8b,
                organizations_staffprofileevent_user_id_9e89fcfa,
                organizations_townworkoverrideevent_region_id_1ed7a1dd,
                organizations_townworkoverrideevent_region_id_1ed7a1dd_like,
                organizations_townworkoverrideevent_set_by_id_18215cac;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
