# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("training", "0010_region_trigger_without_ignore_check"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                training_assessmentevent_base_id_0a64639a,
                training_assessmentevent_created_by_id_2abd2cca,
                training_assessmentevent_region_id_db4ed953,
                training_assessmentevent_region_id_db4ed953_like,
                training_certificateevent_course_id_45cb1c3a,
                training_certificateevent_enrolment_id_342b9c8e,
                training_certificateevent_organization_id_5ff8dba0,
                training_certificateevent_person_id_fcdc6f19,
                training_certificateevent_renewed_by_id_2b1ba63f,
                training_enrolmentevent_person_id_34b33ba8,
                training_enrolmentevent_recorded_by_id_0540f5d1,
                training_enrolmentevent_session_id_f5f06d47,
                training_feedbackevent_enrolment_id_6240ab92,
                training_instructorevent_organization_id_4848d8a7,
                training_instructorevent_person_id_63aa398e,
                training_instructorevent_user_id_a0b126dd,
                training_sessioninstructorevent_instructor_id_27e25c2a,
                training_sessioninstructorevent_session_id_f305030d,
                training_trainingbaseevent_organization_id_a1bd8d0c,
                training_trainingbaseevent_region_id_39be928a,
                training_trainingbaseevent_region_id_39be928a_like,
                training_trainingsessionevent_base_id_1297ada8,
                training_trainingsessionevent_course_id_cf134738,
                training_trainingsessionevent_created_by_id_6720584b,
                training_trainingsessionevent_organization_id_c8692c03,
                training_trainingsessionevent_region_id_4715db6b,
                training_trainingsessionevent_region_id_4715db6b_like,
                training_trainingsessionevent_unit_id_9adb8d99,
                training_trainingtargetevent_region_id_5965c3f5,
                training_trainingtargetevent_region_id_5965c3f5_like,
                training_trainingtargetevent_unit_id_bb6d1980;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
