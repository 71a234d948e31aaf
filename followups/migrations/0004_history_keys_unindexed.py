# Written by hand on 2026-12-03. The history tables' copied foreign keys are no longer indexed
# (settings.PGHISTORY_FOREIGN_KEY_FIELD): nothing reads the history by a copied key, and every write of a tracked
# row paid one index entry for each. The migrations that create those columns say db_index=False (edited with
# this one, so that a new database never builds the indexes and `migrate` renders no AlterField for each of
# them); this drops the indexes a database migrated before still holds.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("followups", "0003_redundant_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP INDEX IF EXISTS
                followups_bulletinevent_corrects_id_1ec559fc,
                followups_bulletinevent_created_by_id_c4b26b68,
                followups_bulletinevent_organization_id_b7ae6b24,
                followups_bulletinevent_published_by_id_2c73649f,
                followups_bulletinevent_region_id_5370dad1,
                followups_bulletinevent_region_id_5370dad1_like,
                followups_issueevent_assignee_id_b563ad45,
                followups_issueevent_created_by_id_8a1e1fc4,
                followups_issueevent_escalated_to_id_3d32e753,
                followups_issueevent_organization_id_05465584,
                followups_issueevent_region_id_2d285e75,
                followups_issueevent_region_id_2d285e75_like,
                followups_issueevent_visit_id_5293a47d,
                followups_planitemevent_aid_case_id_073a306d,
                followups_planitemevent_donor_id_d452556f,
                followups_planitemevent_member_unit_id_745bba63,
                followups_planitemevent_plan_id_155efd93,
                followups_planitemevent_region_id_fdaeddd5,
                followups_planitemevent_region_id_fdaeddd5_like,
                followups_planitemevent_visit_id_d37163a2,
                followups_planitemevent_visitor_id_b46c2893,
                followups_planitemevent_volunteer_id_1c6b783b,
                followups_visitevent_aid_case_id_7ebfe9dd,
                followups_visitevent_created_by_id_b519a418,
                followups_visitevent_donor_id_c767b1ac,
                followups_visitevent_member_unit_id_5c750ba4,
                followups_visitevent_organization_id_13af9f02,
                followups_visitevent_plan_item_id_6d9b67ff,
                followups_visitevent_region_id_dafa082d,
                followups_visitevent_region_id_dafa082d_like,
                followups_visitevent_volunteer_id_c2297798,
                followups_visitplanevent_created_by_id_0a3dbbaf,
                followups_visitplanevent_organization_id_15b70300,
                followups_visitplanevent_region_id_7752d524,
                followups_visitplanevent_region_id_7752d524_like,
                followups_visittargetevent_organization_id_682e6de8,
                followups_visittargetevent_region_id_b6cb7a71,
                followups_visittargetevent_region_id_b6cb7a71_like;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
