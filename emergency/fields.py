"""A column of region prefixes that the platform's scope filter understands.

An alert or a mutual-aid request concerns several regions at once. Scope asks
`<lookup>__startswith=<user prefix>`; on this field that means "one of the
areas lies within the user's subtree, or covers it" (a city-wide alert
concerns every district), answered in one EXISTS without duplicate rows.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models


class PrefixArrayField(ArrayField):
    def __init__(self, **kwargs):
        kwargs.setdefault("base_field", models.CharField(max_length=12))
        super().__init__(**kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("base_field", None)
        return name, path, args, kwargs


@PrefixArrayField.register_lookup
class OverlapsPrefix(models.Lookup):
    lookup_name = "startswith"

    def get_prep_lookup(self):
        return str(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        sql = (f"EXISTS (SELECT 1 FROM unnest({lhs}) AS area WHERE area LIKE ({rhs}) || '%%' "
               f"OR ({rhs}) LIKE area || '%%')")
        return sql, [*lhs_params, *rhs_params, *rhs_params]


class CodesArrayField(PrefixArrayField):
    """Region codes of the parties to a record: in scope when one of them lies within the user's subtree."""


@CodesArrayField.register_lookup
class AnyWithin(models.Lookup):
    lookup_name = "startswith"

    def get_prep_lookup(self):
        return str(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return (f"EXISTS (SELECT 1 FROM unnest({lhs}) AS code WHERE code LIKE ({rhs}) || '%%')",
                [*lhs_params, *rhs_params])
