"""A town's work is now derived from activity; the old typed flag is carried over as an override with a reason."""

from django.db import migrations

REASON = "由原手工标记“开展工作”迁移，请按近 12 个月活动核实后保留或删除。"


def forwards(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    TownWorkOverride = apps.get_model("organizations", "TownWorkOverride")
    towns = (Organization.objects.filter(kind="town_organization", is_active=True, has_regular_work=True)
             .values_list("region_id", flat=True).distinct())
    existing = set(TownWorkOverride.objects.values_list("region_id", flat=True))
    TownWorkOverride.objects.bulk_create([TownWorkOverride(region_id=code, has_work=True, reason=REASON)
                                          for code in towns if code not in existing])


class Migration(migrations.Migration):
    dependencies = [("organizations", "0004_grassroots")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
