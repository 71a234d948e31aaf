# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("emergency", "0004_redundant_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                emergency_alertevent_posted_by_id_946c3748,
                emergency_alertnoticeevent_acknowledged_by_id_bb34bece,
                emergency_alertnoticeevent_alert_id_e4f34912,
                emergency_alertnoticeevent_organization_id_5cbb2668,
                emergency_deploymentevent_incident_id_a08b3d9b,
                emergency_deploymentevent_requested_by_id_a30790c9,
                emergency_deploymentevent_team_id_75969a81,
                emergency_drillevent_recorded_by_id_dde07db4,
                emergency_drillevent_team_id_0f4eb674,
                emergency_equipmentevent_team_id_abce468b,
                emergency_incidentevent_alert_id_4bcb1bab,
                emergency_incidentevent_created_by_id_11dba005,
                emergency_incidentevent_fund_id_4aa4ec67,
                emergency_incidentevent_organization_id_c9a99463,
                emergency_incidentevent_plan_id_e7093cb4,
                emergency_incidentevent_region_id_b2176aa2,
                emergency_incidentevent_region_id_b2176aa2_like,
                emergency_incidenttaskevent_done_by_id_fadc7fa9,
                emergency_incidenttaskevent_incident_id_1a73b95e,
                emergency_mutualaidevent_incident_id_620f3be9,
                emergency_mutualaidevent_requested_by_id_f3eef9c9,
                emergency_mutualaidevent_requester_id_8eafe2ae,
                emergency_mutualaidevent_responder_id_6ca030e5,
                emergency_planevent_organization_id_e3cd48e1,
                emergency_planevent_region_id_2dac7e53,
                emergency_planevent_region_id_2dac7e53_like,
                emergency_planstepevent_plan_id_6fc59fa4,
                emergency_situationreportevent_incident_id_4abb3795,
                emergency_situationreportevent_reported_by_id_fe66a598,
                emergency_stocklotevent_donation_id_8fd41577,
                emergency_stocklotevent_item_id_5a33cf19,
                emergency_stocklotevent_warehouse_id_9af835a5,
                emergency_stockminimumevent_item_id_ce2124e7,
                emergency_stockminimumevent_warehouse_id_c01b8b32,
                emergency_stockrequestevent_incident_id_b823c7bc,
                emergency_stockrequestevent_item_id_78bf50cd,
                emergency_stockrequestevent_requested_by_id_a214c610,
                emergency_stockrequestevent_warehouse_id_4f2be1c9,
                emergency_teamevent_organization_id_2a468e00,
                emergency_teamevent_region_id_bd0ce1e4,
                emergency_teamevent_region_id_bd0ce1e4_like,
                emergency_teammemberevent_team_id_c62f1a96,
                emergency_teammemberevent_volunteer_id_41d54e23,
                emergency_teamrequirementevent_region_id_4ccab092,
                emergency_teamrequirementevent_region_id_4ccab092_like,
                emergency_warehouseevent_organization_id_cc358680,
                emergency_warehouseevent_region_id_56f9a5a0,
                emergency_warehouseevent_region_id_56f9a5a0_like;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
