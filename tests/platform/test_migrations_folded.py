"""scripts/fold_migrations.py: new models' fields, indexes and constraints folded into their CreateModel, and every
migration of the project kept folded (a fresh `migrate` re-renders the project after each operation)."""

import importlib.util
from pathlib import Path

from django.db import migrations, models
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("fold_migrations", ROOT / "scripts" / "fold_migrations.py")
fold_migrations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fold_migrations)
fold = fold_migrations.fold


def create(name, *fields):
    return migrations.CreateModel(name=name, fields=[("id", models.BigAutoField(primary_key=True)), *fields])


def key(to, **extra):
    return models.ForeignKey(on_delete=models.PROTECT, to=to, **extra)


def test_a_key_to_a_model_made_later_moves_into_its_create_model_after_it():
    operations = [
        create("Team"),
        create("Member", ("name", models.CharField(max_length=20))),
        migrations.AddField("team", "leader", key("demo.member", null=True)),
        migrations.AddIndex("team", models.Index(fields=["leader"], name="team_leader_idx")),
        migrations.AddConstraint("member", models.CheckConstraint(condition=models.Q(id__gt=0), name="member_id")),
    ]
    folded = fold(operations, "demo")
    assert [op.name for op in folded] == ["Member", "Team"]
    member, team = folded
    assert [name for name, _ in team.fields] == ["id", "leader"]  # appended: the table's column order is kept
    assert [index.name for index in team.options["indexes"]] == ["team_leader_idx"]
    assert [c.name for c in member.options["constraints"]] == ["member_id"]


def test_a_cycle_keeps_one_key_apart_and_another_operation_first_keeps_the_rest_in_place():
    trigger_like = migrations.AlterModelOptions("team", {"verbose_name": "team"})
    operations = [
        create("Team"),
        create("Member"),
        migrations.AddField("member", "team", key("demo.team")),
        migrations.AddField("team", "leader", key("demo.member", null=True)),  # would close the cycle
        trigger_like,
        migrations.AddField("team", "note", models.CharField(max_length=20, default="")),
    ]
    folded = fold(operations, "demo")
    assert [type(op).__name__ for op in folded] == ["CreateModel", "CreateModel", "AddField", "AlterModelOptions",
                                                    "AddField"]
    assert [(op.name, [name for name, _ in op.fields]) for op in folded[:2]] == [
        ("Team", ["id"]), ("Member", ["id", "team"])]
    assert [(op.model_name, op.name) for op in (folded[2], folded[4])] == [("team", "leader"), ("team", "note")]


def test_every_migration_of_the_project_is_folded():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    left = [f"{app}.{name}" for (app, name), *_rest in
            fold_migrations.unfolded(loader, fold_migrations.project_migrations(loader))]
    assert not left, f"run scripts/fold_migrations.py --write: {left}"
