"""The schema's indexes, read from PostgreSQL's catalogue of the database the migrations built.

Every index is written to on every insert and on every update of its columns, and held in memory beside the
table: an index another already serves costs each write and the cache and answers no query faster. A
ForeignKey gets Django's index (and for a character key such as a region code its `varchar_pattern_ops` copy,
`…_like`, the one a scope's prefix match uses); a composite index or unique constraint led by the same column
serves the key as well (`db_index=False` then). What must stay: every foreign key leads an index (a referenced
row's delete and every join read it), and every region code a scope matches by prefix has a pattern index.
A history table (pghistory's event models) is the exception: its copies of the tracked row's keys have no
constraint and no reader, so they have no index either (settings.PGHISTORY_FOREIGN_KEY_FIELD).
"""

from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models

pytestmark = pytest.mark.django_db

PATTERN_OPCLASSES = {"varchar_pattern_ops", "text_pattern_ops", "bpchar_pattern_ops"}


def project_models():
    """Every table of the project's apps, their history events included; Django's own join tables for a
    ManyToManyField without a `through` (a unique pair led by one key and an index on each key) are Django's."""
    base = Path(settings.BASE_DIR).resolve()
    labels = {config.label for config in apps.get_app_configs()  # the project's apps, `redcross.plan` included
              if Path(config.path).resolve().is_relative_to(base) and ".venv" not in Path(config.path).parts}
    return [model for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in labels and not model._meta.auto_created and model._meta.managed
            and not model._meta.proxy]


def copied_history_key(model, field):
    """A history event's copy of its tracked row's foreign key: not its object (pgh_obj) nor its context."""
    from pghistory.models import Event

    return issubclass(model, Event) and field.is_relation and field.name not in {"pgh_obj", "pgh_context"}


def indexes_by_table():
    """{table: [(index name, (column or expression, opclass) ..., unique, partial)]} for the public schema."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT t.relname, ix.relname, i.indisunique, i.indpred IS NOT NULL,
                   array_agg(coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.n::int, true)) ORDER BY k.n),
                   array_agg(o.opcname ORDER BY k.n)
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ix ON ix.oid = i.indexrelid
            JOIN pg_namespace ns ON ns.oid = t.relnamespace AND ns.nspname = 'public'
            CROSS JOIN LATERAL generate_series(1, i.indnkeyatts) AS k(n)
            JOIN pg_opclass o ON o.oid = i.indclass[k.n - 1]
            LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[k.n - 1] AND a.attnum > 0
            GROUP BY t.relname, ix.relname, i.indisunique, i.indpred
        """)
        found = defaultdict(list)
        for table, name, unique, partial, columns, opclasses in cursor.fetchall():
            found[table].append((name, tuple(zip(columns, opclasses, strict=True)), unique, partial))
    return found


def test_no_index_is_served_by_another():
    """No index is another's twin, and none that enforces nothing is a leading part of another on its table."""
    found = indexes_by_table()
    tables = [model._meta.db_table for model in project_models()]
    assert len(tables) > 100
    redundant = []
    for table in tables:
        for name, keys, unique, partial in found[table]:
            if partial:
                continue
            for other, other_keys, other_unique, other_partial in found[table]:
                if other == name or other_partial or other_keys[:len(keys)] != keys:
                    continue
                twin = len(other_keys) == len(keys)
                if twin and unique and not other_unique:
                    continue  # the other is the redundant one, reported in its turn
                if (twin and (unique, name) > (other_unique, other)) or (not twin and not unique):
                    redundant.append(f"{table}.{name} ({', '.join(c for c, _ in keys)}) is served by {other}")
    assert not redundant, "\n".join(redundant)


def test_every_foreign_key_leads_an_index():
    found = indexes_by_table()
    missing = []
    for model in project_models():
        leading = {keys[0][0] for _name, keys, _unique, partial in found[model._meta.db_table] if not partial}
        for field in model._meta.concrete_fields:
            if field.is_relation and field.column not in leading and not copied_history_key(model, field):
                missing.append(f"{model._meta.label}.{field.name}")
    assert not missing, f"foreign keys no index leads with: {missing}"


def test_history_tables_index_only_their_object_and_context():
    """An event row is written with every change of its tracked row and read by pgh_obj (a record's history) or
    by pgh_context (a request's changes). An index on a copied key would only cost each write: a volunteer's
    import wrote five of them for each row, where now it writes none (the migrations `…_history_keys_unindexed`
    drop them from a database migrated before)."""
    from pghistory.models import Event

    found = indexes_by_table()
    history = [model for model in project_models() if issubclass(model, Event)]
    assert len(history) > 80
    copied = 0
    unexpected = []
    for model in history:
        copied += sum(copied_history_key(model, field) for field in model._meta.concrete_fields)
        for name, keys, _unique, _partial in found[model._meta.db_table]:
            if keys[0][0] not in {"pgh_id", "pgh_obj_id", "pgh_context_id"}:
                unexpected.append(f"{model._meta.db_table}.{name} ({', '.join(c for c, _ in keys)})")
    assert copied > 200  # the keys left unindexed: the test reads the event models, not an empty list
    assert not unexpected, "\n".join(unexpected)  # pgh_obj and pgh_context keep theirs: the test above


def test_every_region_code_a_scope_matches_by_prefix_has_a_pattern_index():
    """`scope_queryset` narrows a table to a region subtree with LIKE 'prefix%' on its own region code column;
    whatever the database's collation, only a pattern operator class serves that."""
    found = indexes_by_table()
    checked, missing = [], []
    for model in project_models():
        lookup = getattr(model, "scope_region_lookup", None)
        if not isinstance(lookup, str) or getattr(model, "scope_district_field", None):
            continue  # a district's rows come from the district index, a town's from the same index filtered
        first = lookup.split("__")[0]
        field = model._meta.get_field(first)
        if field.is_relation:  # a key to a region, matched on the key itself; other relations index their own
            if lookup != f"{first}__{field.target_field.name}" or field.target_field.max_length != 12:
                continue
        elif "__" in lookup or not isinstance(field, models.CharField) or field.max_length != 12:
            continue  # an array of codes (emergency's areas)
        checked.append(model._meta.label)
        if not any(keys[0] == (field.column, opclass) and not partial
                   for _name, keys, _unique, partial in found[model._meta.db_table] for opclass in PATTERN_OPCLASSES):
            missing.append(f"{model._meta.label}.{field.column}")
    assert len(checked) > 25
    assert not missing, f"region codes matched by prefix without a pattern index: {missing}"
