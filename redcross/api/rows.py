"""API lists answered from value rows: the serializer's own fields, without a model instance per row.

A list page spent most of its time building model instances and walking
DRF's per-field attribute machinery. When every readable field of a list
serializer is a column, a column across foreign keys, a primary or slug
relation, the primary keys of a many relation (one more query for the page),
or a model property marked with `row_property`, the page is read
with `.values()` and each value goes through the same bound field's
`to_representation`, so the JSON is byte for byte what the serializer would
give. Any other field (a method field without `row_method`, a nested
serializer, a many relation shown other than by its keys) keeps the
serializer path for that list.
"""

import datetime
import decimal
from contextvars import ContextVar
from functools import cache

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models.base import ModelState
from django.utils import timezone
from rest_framework import ISO_8601, relations, serializers
from rest_framework.settings import api_settings

_PAGE_TODAY = ContextVar("page_today", default=None)
_PAGE_ZONE = ContextVar("page_zone", default=None)


def today():
    """`timezone.localdate()`, read once for all the rows of a page being rendered (`render_rows`).

    A row property such as a person's age or a certificate's state asks for today's date on every row; the
    current time zone and the local time cost more than the rest of the property. One page also keeps one
    date if it is rendered across midnight.
    """
    fixed = _PAGE_TODAY.get()
    return timezone.localdate() if fixed is None else fixed


def row_property(*columns):
    """A model property that can be computed from these columns of its own row (values() names).

        @row_property("full_name")
        def masked_name(self): return mask_name(self.full_name)

    A column may cross a foreign key (`"unit__name"`): the property then finds `self.unit` holding those
    columns, or None when the key is empty.
    """

    def decorate(func):
        func.row_columns = columns
        return property(func)

    return decorate


def row_method(*columns):
    """A serializer's `get_<field>` method that reads only these columns of the object (values() names, as
    row_property)."""

    def decorate(func):
        func.row_columns = columns
        return func

    return decorate


class Unsupported(Exception):
    """A field or column that needs the model instance: the caller reads instances instead."""


def column_path(model, parts):
    """The values() path of a dotted source, or (path to the owner, (owner model, property)) for a row_property."""
    current, path = model, []
    for index, part in enumerate(parts):
        is_last = index == len(parts) - 1
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            attribute = getattr(current, part, None)
            columns = getattr(getattr(attribute, "fget", None), "row_columns", None)
            if is_last and isinstance(attribute, property) and columns:
                return path, (current, attribute.fget)
            raise Unsupported(part) from None
        if field.many_to_many or field.one_to_many:
            raise Unsupported(part)
        path.append(part)
        if not is_last:
            if not (field.many_to_one or field.one_to_one):
                raise Unsupported(part)
            current = field.related_model
    return path, None


def row_plan(view, model):
    """[(output name, values columns, reader)] for a serializer whose fields all read from columns, else None.

    A serializer that chooses its fields per caller (its own `__init__` or `get_fields`) is planned per request
    from the bound instance, or once per value of its `row_variant(context)` when it says what the choice depends
    on; the others once per class.
    """
    serializer_class = view.get_serializer_class()
    if serializer_class.to_representation is not serializers.Serializer.to_representation:
        return None
    if _static_fields(serializer_class):
        return _plan_for_class(serializer_class, model)
    variant = getattr(serializer_class, "row_variant", None)
    if variant is None:
        return _plan(view.get_serializer(), model)
    # The serializer names what its choice of fields depends on: planned once per answer, not per request.
    key = (serializer_class, model, variant(view.get_serializer_context()))
    if key not in _VARIANT_PLANS:
        _VARIANT_PLANS[key] = _plan(view.get_serializer(), model)
    return _VARIANT_PLANS[key]


_VARIANT_PLANS: dict = {}


def _static_fields(serializer_class):
    # ScopedModelSerializer narrows only the choices offered to writers; ModelFieldsOnceSerializer builds once.
    from redcross.api.serializers import ModelFieldsOnceSerializer, ScopedModelSerializer

    return (serializer_class.__init__ is serializers.BaseSerializer.__init__
            and serializer_class.get_fields in (serializers.ModelSerializer.get_fields,
                                                serializers.Serializer.get_fields, ScopedModelSerializer.get_fields,
                                                ModelFieldsOnceSerializer.get_fields))


@cache
def _plan_for_class(serializer_class, model):
    return _plan(serializer_class(), model)


def _plan(serializer, model):
    plan = []
    try:
        for name, field in serializer.fields.items():
            if field.write_only:
                continue
            if isinstance(field, serializers.SerializerMethodField):
                method = getattr(type(serializer), field.method_name)
                columns = getattr(method, "row_columns", None)
                if not columns:
                    raise Unsupported(name)
                plan.append((name, columns, _method_reader(model, field.method_name, columns)))
                continue
            if isinstance(field, relations.ManyRelatedField):
                plan.append((name, ("pk",), _many_reader(model, field)))
                continue
            if isinstance(field, serializers.BaseSerializer | serializers.HiddenField) or field.source == "*":
                raise Unsupported(name)
            parts = field.source.split(".")
            if isinstance(field, relations.SlugRelatedField):
                parts = [*parts, *field.slug_field.split("__")]
            elif isinstance(field, relations.PrimaryKeyRelatedField):
                if field.pk_field is not None:
                    raise Unsupported(name)
            elif isinstance(field, relations.RelatedField):
                raise Unsupported(name)
            path, prop = column_path(model, parts)
            if prop is not None:
                prefix = "__".join(path) + "__" if path else ""
                columns = tuple(prefix + column for column in prop[1].row_columns)
                plan.append((name, columns, _property_reader(field, prop, prefix)))
            else:
                column = "__".join(path)
                plan.append((name, (column,), _column_reader(field, column)))
    except Unsupported:
        return None
    return tuple(plan)


def _column_reader(field, column):
    if isinstance(field, relations.RelatedField):
        return lambda row, serializer: row[column]
    represent = quick_representation(field) or field.to_representation
    return lambda row, serializer: None if row[column] is None else represent(row[column])


def quick_representation(field):
    """A quicker `to_representation` for DRF's own column fields, or None: the same answer for the values a column
    gives (a str, an int, a bool, a date, an aware datetime, a Decimal of the column's scale), anything else
    handed to the field's own.

    DRF's DateTimeField looks up the current time zone for every value and DecimalField copies a decimal
    context and works out its quantum; on a list of 50 gifts those two were half the time of its rows. The
    time zone is read once per page here (render_rows), and a Decimal already at the field's scale is what
    quantizing would give back. Subclasses, and fields with a format, a time zone or localisation of their own,
    keep DRF's.
    """
    kind, represent = type(field), field.to_representation
    if kind is serializers.CharField:
        return lambda value: value if type(value) is str else represent(value)
    if kind is serializers.IntegerField or (
            kind is serializers.BigIntegerField
            and not getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING)):
        return lambda value: value if type(value) is int else represent(value)
    if kind is serializers.BooleanField:
        return lambda value: value if type(value) is bool else represent(value)
    if kind is serializers.ChoiceField:
        shown = field.choice_strings_to_values
        return lambda value: shown.get(value, value) if type(value) is str and value else represent(value)
    if kind is serializers.DateField and _iso(getattr(field, "format", api_settings.DATE_FORMAT)):
        return lambda value: value.isoformat() if type(value) is datetime.date else represent(value)
    if (kind is serializers.DateTimeField and settings.USE_TZ and not hasattr(field, "timezone")
            and _iso(getattr(field, "format", api_settings.DATETIME_FORMAT))):
        return _quick_datetime(represent)
    if (kind is serializers.DecimalField and field.decimal_places is not None and not field.localize
            and not field.normalize_output
            and getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)):
        return _quick_decimal(represent, field.decimal_places, field.max_digits)
    return None


def _iso(output_format):
    return isinstance(output_format, str) and output_format.lower() == ISO_8601


def _quick_datetime(represent):
    def quick(value):
        if type(value) is not datetime.datetime or value.utcoffset() is None:
            return represent(value)
        try:
            text = value.astimezone(_PAGE_ZONE.get() or timezone.get_current_timezone()).isoformat()
        except OverflowError:
            return represent(value)  # DRF's own error
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return quick


def _quick_decimal(represent, places, max_digits):
    def quick(value):
        if type(value) is decimal.Decimal:
            sign, digits, exponent = value.as_tuple()
            if exponent == -places and (max_digits is None or len(digits) <= max_digits):
                return f"{value:f}"
        return represent(value)

    return quick


def bare_instance(model, columns, row, prefix=""):
    """An instance of `model` holding only these columns of the row (values() names after `prefix`).

    A column across a relation (`donor__name`) gives the instance a bare related instance in the relation's
    cache, or None when every column read through it is empty (the relation is empty): enough for a property
    or method that reads them, without a query.
    """
    instance = model.__new__(model)
    instance._state = ModelState()
    instance._state.adding, instance._state.db = False, "default"
    through = {}
    for column in columns:
        head, _, rest = column.partition("__")
        if rest:
            through.setdefault(head, []).append(rest)
        else:
            instance.__dict__[head] = row[prefix + column]
    for head, rests in through.items():
        field = model._meta.get_field(head)
        inner = f"{prefix}{head}__"
        empty = all(row[inner + rest] is None for rest in rests)
        instance._state.fields_cache[field.cache_name] = (None if empty else
                                                          bare_instance(field.related_model, rests, row, inner))
    return instance


def _property_reader(field, owner, prefix):
    model, prop = owner
    columns = [prefix + column for column in prop.row_columns]
    represent = field.to_representation

    def read(row, serializer):
        if prefix and all(row[column] is None for column in columns):
            return None  # the relation is empty
        value = prop(bare_instance(model, prop.row_columns, row, prefix))
        return None if value is None else represent(value)

    return read


def _method_reader(model, method_name, columns):
    def read(row, serializer):
        return getattr(serializer, method_name)(bare_instance(model, columns, row))

    read.needs_serializer = True
    return read


def _many_reader(model, field):
    """The ids of a many-to-many or reverse relation, as a PrimaryKeyRelatedField(many=True) gives them; read for
    the whole page in one query (fill_many)."""
    child = field.child_relation
    if type(child) is not relations.PrimaryKeyRelatedField or child.pk_field is not None or "." in field.source:
        raise Unsupported(field.field_name)
    try:
        relation = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        raise Unsupported(field.field_name) from None
    if not (relation.many_to_many or relation.one_to_many):
        raise Unsupported(field.field_name)
    ordering = relation.related_model._meta.ordering
    if any(not isinstance(name, str) or "__" in name or name.lstrip("-") == "?" for name in ordering):
        raise Unsupported(field.field_name)  # an order this reader would not reproduce
    source, key = field.source, f"{field.source}__many"
    order = [f"-{source}__{name[1:]}" if name.startswith("-") else f"{source}__{name}" for name in ordering] \
        or [f"{source}__pk"]

    def read(row, serializer):
        return row[key]

    read.many = (source, order, key)
    return read


def fill_many(plan, model, rows):
    """Give each row the id lists of the plan's many relations: one query per relation for all the rows, in the
    related model's own order (its Meta.ordering, else its primary key), as a prefetch in that order gives."""
    rows = list(rows)
    for _name, _columns, read in plan:
        many = getattr(read, "many", None)
        if many is None or not rows:
            continue
        source, order, key = many
        found = {}
        pairs = (model._base_manager.filter(pk__in={row["pk"] for row in rows})
                 .order_by("pk", *order).values_list("pk", f"{source}__pk"))
        for pk, related_pk in pairs:
            ids = found.setdefault(pk, [])
            if related_pk is not None:
                ids.append(related_pk)
        for row in rows:
            row[key] = found.get(row["pk"], [])
    return rows


def columns_of(plan):
    return {column for _name, columns, _read in plan for column in columns}


def render_rows(plan, rows, get_serializer):
    """The page's JSON-ready dicts (after fill_many); the request's bound serializer is built only for method
    fields."""
    needs = any(getattr(read, "needs_serializer", False) for _name, _columns, read in plan)
    serializer = get_serializer() if needs else None
    fixed, zone = _PAGE_TODAY.set(timezone.localdate()), _PAGE_ZONE.set(timezone.get_current_timezone())
    try:
        return [{name: read(row, serializer) for name, _columns, read in plan} for row in rows]
    finally:
        _PAGE_ZONE.reset(zone)
        _PAGE_TODAY.reset(fixed)
