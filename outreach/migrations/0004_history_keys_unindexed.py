# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("outreach", "0003_redundant_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                outreach_campaignevent_organiser_id_b375c627,
                outreach_campaignevent_region_id_3d156284,
                outreach_campaignevent_region_id_3d156284_like,
                outreach_campaignevent_square_id_2e802cb6,
                outreach_carerecipientevent_created_by_id_5cbd1325,
                outreach_carerecipientevent_person_id_3df5e772,
                outreach_carerecipientevent_region_id_552a98b3,
                outreach_carerecipientevent_region_id_552a98b3_like,
                outreach_carerecordevent_aid_case_id_a6e03be0,
                outreach_carerecordevent_recipient_id_acd216e8,
                outreach_carerecordevent_recorded_by_id_026def33,
                outreach_culturesquareevent_region_id_a17a5e17,
                outreach_culturesquareevent_region_id_a17a5e17_like,
                outreach_storyevent_approved_by_id_e0edd184,
                outreach_storyevent_created_by_id_a5c9cd92,
                outreach_storyevent_person_id_ac808646,
                outreach_storyevent_region_id_22788976,
                outreach_storyevent_region_id_22788976_like,
                outreach_villagecompactevent_community_id_f4ef6981,
                outreach_villagecompactevent_community_id_f4ef6981_like,
                outreach_youthactivityevent_centre_id_1f11d928,
                outreach_youthcentreevent_region_id_94f7fc0a,
                outreach_youthcentreevent_region_id_94f7fc0a_like,
                outreach_youthcentreevent_school_id_0cde9801;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
