"""ORM reads of a fixed shape, compiled once per process: the public lookups.

A public lookup (a certificate by its number, a gift by its receipt number) runs the same query with a new value
on every request, and Django builds the queryset and compiles its SQL each time: for the certificate
verification, with holder, course and organisation joined, about two thirds of the read, the SQL itself the
rest (issue 15, goal 2). `prepared(build)` calls `build` once with markers in place of the values, compiles it,
and notes where each marker sits among the SQL's parameters; each call then runs that SQL with the caller's
values in those places and makes model instances, joined relations included, as the queryset would have.

Only what a marker can stand in for is prepared: a value compared as it is given (a string field's or a key's
equality), which the ORM passes to the driver unchanged. `build` gets the markers in order; a marker the compiled query
does not hold exactly once is an error at the first call, not a wrong answer.
"""

import threading

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models.query import get_related_populators


class Prepared:
    """`build(*markers)` → a queryset of model instances; calling the object runs it with new values."""

    def __init__(self, build, kinds=(str,)):
        self.build = build
        # A string no one types, or an integer no key reaches (a key stands for an integer field or a relation).
        self.markers = tuple(f"\x00prepared {id(self)}:{index}\x00" if kind is str else -(2**62) - 7919 * index
                             for index, kind in enumerate(kinds))
        self._plans = {}  # database alias → the compiled plan
        self._lock = threading.Lock()

    def _plan(self, alias):
        plan = self._plans.get(alias)
        if plan is not None:
            return plan
        with self._lock:
            queryset = self.build(*self.markers)
            if queryset.db != alias:
                queryset = queryset.using(alias)
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            places = [[index for index, value in enumerate(params) if value == marker] for marker in self.markers]
            others = [value for index, value in enumerate(params) if [index] not in places]
            if any(len(found) != 1 for found in places) or any(
                    isinstance(value, str) and "\x00prepared" in value for value in others):
                raise ImproperlyConfigured(f"{self.build.__qualname__}: a value is not sent once, as it is given")
            places = [found[0] for found in places]
            if compiler.annotation_col_map:
                raise ImproperlyConfigured(f"{self.build.__qualname__}: annotations are not prepared")
            klass_info, select = compiler.klass_info, compiler.select
            fields = klass_info["select_fields"]
            plan = {
                "sql": sql, "params": list(params), "places": places, "model": klass_info["model"],
                "start": fields[0], "end": fields[-1] + 1,
                "init_list": [column[0].target.attname for column in select[fields[0]:fields[-1] + 1]],
                "populators": get_related_populators(klass_info, select, alias),
                "converters": list(compiler.get_converters([column[0] for column in select]).items()),
            }
            self._plans[alias] = plan
            return plan

    def __call__(self, *values, using="default"):
        """The instances the queryset built with `values` would give, as a list."""
        plan = self._plan(using)
        params = list(plan["params"])
        for place, value in zip(plan["places"], values, strict=True):
            params[place] = value
        with connections[using].cursor() as cursor:  # the connection's wrappers: history context, query capture
            cursor.execute(plan["sql"], params)
            rows = cursor.fetchall()
        connection = connections[using]
        model, start, end, init_list = plan["model"], plan["start"], plan["end"], plan["init_list"]
        objects = []
        for row in rows:
            if plan["converters"]:  # as the compiler's apply_converters, with this thread's connection
                row = list(row)
                for position, (converters, expression) in plan["converters"]:
                    value = row[position]
                    for converter in converters:
                        value = converter(value, expression, connection)
                    row[position] = value
            obj = model.from_db(using, init_list, row[start:end])
            for populator in plan["populators"]:
                populator.populate(row, obj)
            objects.append(obj)
        return objects

    def first(self, *values, using="default"):
        """The first instance, or None (a read of one row by a unique value)."""
        found = self(*values, using=using)
        return found[0] if found else None


def prepared(*kinds):
    """Decorator: `@prepared()` over `def build(number): return Model.objects….filter(number=number)[:1]`; the
    kinds of the values in order, `str` (the default) or `int` (`@prepared(int)` for a key)."""
    def wrap(build):
        return Prepared(build, kinds or (str,))
    return wrap
