"""Fold each new model's AddField, AddIndex and AddConstraint into its CreateModel, in the migration that creates it.

    .venv/bin/python scripts/fold_migrations.py          # say what would fold
    .venv/bin/python scripts/fold_migrations.py --write  # rewrite the migration files

`makemigrations` creates a new app's models without their foreign keys and adds each key, index and constraint
by an operation of its own. `migrate` renders the project state again after every operation, and with history
triggers every model is related to every other through pghistory's context, so each operation re-renders most
of the project: a fresh database took 114-134 s to migrate, 67-73 s after this folding (2026-12-02).

A field moves into its CreateModel only when everything it points to is created before it (CreateModels are
reordered when that allows it, never past a cycle), and only while no other kind of operation on the model came
first, so every table keeps its column order. Migrations with RunPython or RunSQL are left alone. Before
writing, the project state at the end of every migration is compared with the unfolded one (fields in order,
options, bases, managers): any difference and nothing is written. Run `makemigrations --check` and `make test`
after (the test template's `tests/schema.sql` is written again; commit it with the migrations).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FOLDED = ("AddField", "AddIndex", "AddConstraint")


def _targets(field, app_label):
    """The models of this app (lower-case names) a field needs before it: its related and through models."""
    if not field.is_relation:
        return set()
    out = set()
    for ref in (field.remote_field.model, getattr(field.remote_field, "through", None)):
        if ref is None or ref == "self":
            continue
        app, _, name = ref.rpartition(".") if isinstance(ref, str) else (ref._meta.app_label, "", ref._meta.model_name)
        if (app or app_label) == app_label:
            out.add(name.lower())
    return out


def _ordered(creates, edges):
    """The created models, each after those it points to (original order otherwise); None on a cycle."""
    order, done, visiting = [], set(), set()
    position = {name: i for i, name in enumerate(creates)}

    def visit(name):
        if name in visiting:
            return False
        if name not in done:
            visiting.add(name)
            if not all(visit(dep) for dep in sorted(edges[name] - {name}, key=position.get)):
                return False
            visiting.discard(name)
            done.add(name)
            order.append(name)
        return True

    return order if all(visit(name) for name in creates) else None


def fold(operations, app_label):
    """The migration's operations with fields, indexes and constraints folded into their CreateModel."""
    from django.db.migrations import operations as ops

    creates = {op.name_lower: op for op in operations if isinstance(op, ops.CreateModel)}
    if not creates:
        return operations
    edges = {name: {t for _, field in op.fields for t in _targets(field, app_label) if t in creates}
             for name, op in creates.items()}
    folded, blocked, kept = {}, set(), []
    for op in operations:
        if isinstance(op, ops.CreateModel):
            continue
        model = getattr(op, "model_name_lower", None)
        if type(op).__name__ in FOLDED and model in creates and model not in blocked:
            if isinstance(op, ops.AddField):
                trial = {**edges, model: edges[model] | {t for t in _targets(op.field, app_label) if t in creates}}
                if _ordered(list(creates), trial) is not None:
                    edges = trial
                    folded.setdefault(model, []).append(op)
                    continue
            else:
                folded.setdefault(model, []).append(op)
                continue
        if model in creates:
            blocked.add(model)  # the model's later operations keep their place after this one
        kept.append(op)
    out = []
    for name in _ordered(list(creates), edges):
        create = creates[name]
        fields, options = list(create.fields), dict(create.options)
        for op in folded.get(name, []):
            if isinstance(op, ops.AddField):
                fields.append((op.name, op.field))
            elif isinstance(op, ops.AddIndex):
                options["indexes"] = [*options.get("indexes", []), op.index]
            else:
                options["constraints"] = [*options.get("constraints", []), op.constraint]
        out.append(ops.CreateModel(name=create.name, fields=fields, options=options, bases=create.bases,
                                   managers=create.managers))
    return out + kept


def _states(loader, nodes):
    """Each migration's end state as text: fields in order, options, bases and managers."""
    from django.db.migrations.writer import MigrationWriter

    def text(value):
        return MigrationWriter.serialize(value)[0]

    def model_text(model):
        return ([(name, text(field)) for name, field in model.fields.items()],
                {key: text(value) for key, value in sorted(model.options.items())},
                text(model.bases), text(model.managers))

    return {node: {key: model_text(model) for key, model in loader.project_state(node, at_end=True).models.items()}
            for node in nodes}


def project_migrations(loader):
    """The project's migration nodes (its own apps', not the libraries'), in order."""
    from django.apps import apps

    ours = {c.label for c in apps.get_app_configs() if Path(c.path).is_relative_to(ROOT)}
    return sorted(node for node in loader.graph.nodes if node[0] in ours)


def unfolded(loader, nodes):
    """[(node, migration, folded operations, path, source)] for each migration that folding would shorten
    (those with RunPython or RunSQL left alone)."""
    out = []
    for node in nodes:
        migration = loader.disk_migrations[node]
        path = Path(sys.modules[migration.__module__].__file__)
        source = path.read_text(encoding="utf-8")
        if "RunPython" in source or "RunSQL" in source:
            continue
        operations = fold(list(migration.operations), node[0])
        if len(operations) < len(migration.operations):
            out.append((node, migration, operations, path, source))
    return out


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redcross.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.writer import MigrationWriter

    loader = MigrationLoader(None, ignore_no_migrations=True)
    nodes = project_migrations(loader)
    before = _states(loader, nodes)
    changed = unfolded(loader, nodes)
    for node, migration, operations, _path, _source in changed:
        print(f"{node[0]}.{node[1]}: {len(migration.operations)} -> {len(operations)} operations")
        migration.operations = operations
    if _states(loader, nodes) != before:
        print("a folded migration would end in another state: nothing written")
        return 1
    if "--write" not in argv:
        return 0
    swapped = settings.AUTH_USER_MODEL
    for _node, migration, _operations, path, source in changed:
        # A swappable dependency loads as ("auth", "__first__"); the writer wants it back as the setting.
        migration.dependencies = [("__setting__", "AUTH_USER_MODEL") if getattr(dep, "setting", None) == swapped
                                  else dep for dep in migration.dependencies]
        lines = MigrationWriter(migration).as_string().splitlines()
        lines[0] = source.splitlines()[0]  # the "Generated by Django" line it had
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
