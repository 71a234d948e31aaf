# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("donations", "0010_region_trigger_without_ignore_check"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                donations_aidcaseevent_created_by_id_36865e60,
                donations_aidcaseevent_organization_id_73fc8836,
                donations_aidcaseevent_person_id_cdba74a9,
                donations_aidcaseevent_region_id_7b8c30f0,
                donations_aidcaseevent_region_id_7b8c30f0_like,
                donations_allocationevent_disbursement_id_8e1ce2b9,
                donations_allocationevent_donation_id_e1ad8bce,
                donations_bankstatementevent_imported_by_id_4d2d3c1d,
                donations_bankstatementevent_organization_id_38c43246,
                donations_disbursementeven_beneficiary_organization_i_c17804b6,
                donations_disbursementevent_aid_case_id_847e4bc1,
                donations_disbursementevent_approved_by_id_cce7d483,
                donations_disbursementevent_fund_id_cc9fe52f,
                donations_disbursementevent_requested_by_id_4d80b655,
                donations_disbursementevent_reverses_id_f2d13230,
                donations_disclosureevent_fund_id_8ab50936,
                donations_disclosureevent_organization_id_85bed1ef,
                donations_donationevent_confirmed_by_id_52e81853,
                donations_donationevent_donor_id_436440b2,
                donations_donationevent_fund_id_9ff147e5,
                donations_donationevent_organization_id_1bae9604,
                donations_donationevent_reverses_id_93c28c42,
                donations_donorevent_organization_id_4ebc949d,
                donations_donorevent_person_id_4549347a,
                donations_fundevent_community_id_68468561,
                donations_fundevent_community_id_68468561_like,
                donations_fundevent_organization_id_d93654d5,
                donations_statementlineevent_donation_id_a754bcc4,
                donations_statementlineevent_statement_id_175e9327;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
