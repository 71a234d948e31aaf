# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("sanxian", "0003_redundant_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                sanxian_blooddriveevent_activity_id_8d2a0c65,
                sanxian_blooddriveevent_created_by_id_8b613346,
                sanxian_blooddriveevent_organization_id_be39e116,
                sanxian_blooddriveevent_region_id_30344e34,
                sanxian_blooddriveevent_region_id_30344e34_like,
                sanxian_careeventevent_created_by_id_d24dedd4,
                sanxian_careeventevent_organization_id_06b319ac,
                sanxian_careeventevent_pledge_id_5645fc08,
                sanxian_careeventevent_region_id_389b9c1d,
                sanxian_careeventevent_region_id_389b9c1d_like,
                sanxian_donationpledgeevent_consent_id_438c18a2,
                sanxian_donationpledgeevent_created_by_id_eee0a83c,
                sanxian_donationpledgeevent_organization_id_05e8921a,
                sanxian_donationpledgeevent_person_id_95005d6a,
                sanxian_donationpledgeevent_region_id_79a38933,
                sanxian_donationpledgeevent_region_id_79a38933_like,
                sanxian_healthconsentevent_person_id_a630da9c,
                sanxian_healthconsentevent_recorded_by_id_cf9188ae,
                sanxian_memorialentryevent_consent_id_92cf84c4,
                sanxian_memorialentryevent_created_by_id_47c66410,
                sanxian_memorialentryevent_pledge_id_fe0edd9b,
                sanxian_stemcelldonorevent_consent_id_de0871c2,
                sanxian_stemcelldonorevent_created_by_id_7b600569,
                sanxian_stemcelldonorevent_drive_id_9063ade8,
                sanxian_stemcelldonorevent_organization_id_1dc00206,
                sanxian_stemcelldonorevent_person_id_4dfbc136,
                sanxian_stemcelldonorevent_region_id_2c974049,
                sanxian_stemcelldonorevent_region_id_2c974049_like,
                sanxian_stemcelleventevent_donor_id_5a4df5e5,
                sanxian_stemcelleventevent_recorded_by_id_7d17bd63;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
