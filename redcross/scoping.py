"""The one place where staff scope is decided.

A staff user belongs to one organisation and sees only its region's subtree.
Regions are keyed by the 12-digit statistical code, so "in my subtree" is a
prefix match on an indexed column. Every model that the portal or the API
shows names the lookup that leads to its region code in `scope_region_lookup`;
every portal view, API view and export narrows its queryset here.
"""

import pgtrigger
import pgtrigger.compiler
from django.db import models
from django.db.models.functions import Left
from django.db.models.lookups import Exact

ALL = ""  # the prefix that matches every region
DISTRICT_DIGITS = 6  # a 12-digit code: province 2, city 2, district or county 2, town 3, community 3

_prefix_resolver = None


def set_prefix_resolver(resolver):
    """`resolver(user) -> prefix or None` for staff; handed over by organizations at start-up (AppConfig.ready)."""
    global _prefix_resolver
    _prefix_resolver = resolver


def user_scope_prefix(user):
    """The region-code prefix a user may see: ALL, a prefix, or None (nothing)."""
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, "_scope_prefix", False)
    if cached is not False:
        return cached
    if user.is_superuser:
        prefix = ALL
    else:
        if _prefix_resolver is None:
            raise RuntimeError("no scope prefix resolver: the organizations app hands it over in its ready()")
        prefix = _prefix_resolver(user)
    user._scope_prefix = prefix
    return prefix


def scope_queryset(queryset, user):
    """Narrow any scoped queryset to what `user` may see."""
    lookup = getattr(queryset.model, "scope_region_lookup", None)
    if lookup is None:
        raise TypeError(f"{queryset.model.__name__} declares no scope_region_lookup")
    prefix = user_scope_prefix(user)
    if prefix is None:
        return queryset.none()
    if prefix == ALL:
        return queryset
    district_field = getattr(queryset.model, "scope_district_field", None)
    if district_field and len(prefix) >= DISTRICT_DIGITS:
        # The same rows as the prefix, said so that the (district, id) index of district_index() and its
        # statistics answer: PostgreSQL reads a district's page straight from that index when the district holds
        # few of the rows, and walks the primary key when it holds many. Said both ways at once, the two
        # conditions would be taken as independent and their rows underestimated twentyfold.
        district = queryset.filter(Exact(district_of(district_field), prefix[:DISTRICT_DIGITS]))
        if len(prefix) == DISTRICT_DIGITS:
            return district
        # A town's or community's staff: their district's rows from the same index, the prefix among them. A code
        # kept on the row for that index (gifts, service records) has no pattern index for the prefix alone.
        return district.filter(**{f"{lookup}__startswith": prefix})
    return queryset.filter(**{f"{lookup}__startswith": prefix})


def region_in_scope(user, region_code):
    prefix = user_scope_prefix(user)
    if prefix is None or region_code is None:
        return False
    return str(region_code).startswith(prefix)


def require_in_scope(actor, region_code, field="region", message=None):
    """Services refuse a write outside the actor's area with an error on `field`; no actor (a task) passes."""
    if actor is not None and not region_in_scope(actor, region_code):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({field: message or _("Region: you can only choose a region within your own area.")})


class ScopedQuerySet(models.QuerySet):
    def within(self, user):
        return scope_queryset(self, user)


def district_of(field):
    """The district part of a region code column (also what district_index() indexes)."""
    return Left(field, DISTRICT_DIGITS)


def district_index(field, name):
    """A btree index of (district, id) for a table whose rows hold their own region code in `field`.

    Its model names `field` in `scope_district_field`, and scope_queryset() then says a district's prefix as
    that equality, so a list in id order (API cursor pages) can read exactly its page of the district's rows,
    where walking the primary key and filtering by the prefix reads every other district's rows in between.
    """
    return models.Index(district_of(field), models.F("id"), name=name)


def region_kept_by_trigger(name, column, source_column, source_sql):
    """A row-level trigger that writes into `column` the region code `source_sql` finds for the new row.

    For a table scoped through a relation (a gift through its receiving organisation): holding the code on
    the row lets the scope read it without a join and a district_index serve it. It runs on every insert,
    whatever writes it (a service, an import's COPY), and when `source_column` changes; a migration keeps it
    in step when the source itself moves to another region (region_follows). `source_sql` is one
    `SELECT <value> FROM …` (of NEW's columns), run as `SELECT <value> INTO NEW.<column> FROM …`.
    """
    if not source_sql.startswith("SELECT ") or " FROM " not in source_sql:
        raise ValueError(f"{name}: source_sql is one SELECT … FROM …")
    select_into = source_sql.replace(" FROM ", f' INTO NEW."{column}" FROM ', 1)
    return RegionKeptTrigger(
        name=name, when=pgtrigger.Before, operation=pgtrigger.Insert | pgtrigger.UpdateOf(source_column),
        func=f"{select_into}; RETURN NEW;",
    )


class RegionTriggerSql(pgtrigger.compiler.UpsertTriggerSql):
    """pgtrigger's installation SQL for a trigger, without the `pgtrigger.ignore` check it wraps around each call.

    The check calls a function whose exception block is a subtransaction: 13 µs of the 21 µs that the scope column's
    trigger took per inserted row (20,000 volunteers: 420–550 ms of the trigger, 135–235 ms without the check and
    with `SELECT … INTO`), on every row an import writes. These triggers are never to be ignored: the scope of
    every row depends on them. Migrations name this class, so its template is as fixed as pgtrigger's own.
    """

    def get_template(self) -> str:
        return """
            CREATE OR REPLACE FUNCTION {pgid}()
            RETURNS TRIGGER AS $$
                {declare}
                BEGIN
                    {func}
                END;
            $$ LANGUAGE plpgsql;

            DROP TRIGGER IF EXISTS {pgid} ON {table};
            CREATE {constraint} TRIGGER {pgid}
                {when} {operation} ON {table}
                {timing}
                {referencing}
                FOR EACH {level} {condition}
                EXECUTE PROCEDURE {execute};

            COMMENT ON TRIGGER {pgid} ON {table} IS '{hash}';
        """


class RegionKeptTrigger(pgtrigger.Trigger):
    """A pgtrigger.Trigger installed through RegionTriggerSql (region_kept_by_trigger)."""

    def compile(self, model):
        compiled = super().compile(model)
        return pgtrigger.compiler.Trigger(name=compiled.name, sql=RegionTriggerSql(**compiled.sql.kwargs))


def region_follows(name, on_table, on_column, update_sql):
    """A migration operation: when `on_table`'s `on_column` changes on a row (NEW), run `update_sql`, which
    keeps a region_kept_by_trigger column in step: an organisation that moves takes its rows along."""
    from django.db import migrations

    return migrations.RunSQL(
        [f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {update_sql}; RETURN NULL; END $$",
         f"CREATE TRIGGER {name} AFTER UPDATE OF {on_column} ON {on_table} FOR EACH ROW "
         f"WHEN (OLD.{on_column} IS DISTINCT FROM NEW.{on_column}) EXECUTE FUNCTION {name}()"],
        [f"DROP TRIGGER {name} ON {on_table}", f"DROP FUNCTION {name}()"],
    )


def region_backfill(table, set_sql, join_sql="", batch=50_000):
    """A migration operation for a non-atomic migration: `UPDATE table AS t SET set_sql join_sql` in batches of
    ids, each committed on its own, so a city's table is never locked whole while its rows take their region
    (region_kept_by_trigger already writes every new row by then)."""
    from django.db import migrations, transaction

    where = "AND" if "WHERE" in join_sql else "WHERE"

    def run(apps, schema_editor):
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT min(id), max(id) FROM {table}")  # noqa: S608 - a migration's own table
            low, high = cursor.fetchone()
        for start in range(low or 0, (high or -1) + 1, batch):
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} AS t SET {set_sql} {join_sql} {where} t.id >= %s AND t.id < %s",
                               [start, start + batch])

    return migrations.RunPython(run, migrations.RunPython.noop, elidable=False)


def prefix_index(field, name):
    """A btree index that serves `LIKE 'prefix%'` whatever the collation.

    Only for a region column Django does not index itself: a ForeignKey to a region keeps Django's own index,
    which for a character key comes with this same copy (`…_like`). A key that leads a composite index or unique
    constraint takes `db_index=False` and this instead (tests/platform/test_indexes.py)."""
    return models.Index(fields=[field], name=name, opclasses=["varchar_pattern_ops"])
