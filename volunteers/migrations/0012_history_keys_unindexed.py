# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("volunteers", "0011_region_trigger_without_ignore_check"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                volunteers_activityevent_created_by_id_dece2dab,
                volunteers_activityevent_organization_id_fbfc8ab3,
                volunteers_activityevent_region_id_c6381bf9,
                volunteers_activityevent_region_id_c6381bf9_like,
                volunteers_commendationevent_volunteer_id_93b731b1,
                volunteers_correctionrequestevent_answered_by_id_8660a2a9,
                volunteers_correctionrequestevent_correction_id_0e8e4eef,
                volunteers_correctionrequestevent_record_id_649351d6,
                volunteers_correctionrequestevent_volunteer_id_56d95bed,
                volunteers_evaluationevent_evaluated_by_id_050bd520,
                volunteers_evaluationevent_volunteer_id_3d033397,
                volunteers_exitevent_recorded_by_id_10f2eb54,
                volunteers_exitevent_volunteer_id_69b9dbfd,
                volunteers_insuranceevent_volunteer_id_b5f64cfe,
                volunteers_servicecertificateevent_issued_by_id_a8da8b6c,
                volunteers_servicecertificateevent_organization_id_70c3d5fb,
                volunteers_servicecertificateevent_volunteer_id_a115ec30,
                volunteers_servicerecordevent_activity_id_eb569b69,
                volunteers_servicerecordevent_adjusts_id_e598fc58,
                volunteers_servicerecordevent_confirmed_by_id_6ad84c03,
                volunteers_servicerecordevent_organization_id_94f76ec3,
                volunteers_servicerecordevent_recorded_by_id_077258e3,
                volunteers_servicerecordevent_signup_id_d58249c4,
                volunteers_servicerecordevent_volunteer_id_e459d1da,
                volunteers_signupevent_activity_id_3eaced78,
                volunteers_signupevent_volunteer_id_032bd9fe,
                volunteers_teamevent_organization_id_44a51a4a,
                volunteers_teammembershipevent_team_id_eed15615,
                volunteers_teammembershipevent_volunteer_id_d212299e,
                volunteers_volunteerevent_decided_by_id_bb7fd88c,
                volunteers_volunteerevent_organization_id_c8d092b9,
                volunteers_volunteerevent_person_id_b3c5ef5e;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
