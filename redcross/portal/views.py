"""Generic portal pages: list (filters, sorting, pagination, Excel/CSV export), detail, create, edit.

Every app's portal pages subclass these, so scope, permissions, export and
history work the same everywhere.
"""

import inspect
from datetime import date, datetime
from decimal import Decimal
from functools import partialmethod

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView

from redcross.api.rows import Unsupported, bare_instance, column_path
from redcross.exports import export_response
from redcross.history import describe_events, events_for
from redcross.portal.errors import errors_to_form
from redcross.scoping import scope_queryset
from redcross.widgets import LongSelect


class StaffRequiredMixin(LoginRequiredMixin):
    """Logged-in staff with a portal role; partner agencies use the API only."""

    permission_action = "view"

    def get_required_permission(self):
        model = self.model or self.get_queryset().model
        return f"{model._meta.app_label}.{self.permission_action}_{model._meta.model_name}"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.user.groups.filter(name="partner_agency").exists() and not request.user.is_superuser:
            raise PermissionDenied(_("Partner agencies use the API."))
        if not request.user.has_perm(self.get_required_permission()):
            raise PermissionDenied(_("Your role does not allow this page."))
        return super().dispatch(request, *args, **kwargs)


class ScopedMixin:
    """Querysets narrowed to the user's region subtree: outside it answers 404."""

    def get_queryset(self):
        return scope_queryset(super().get_queryset(), self.request.user)


_CHOICE_LABELS: dict = {}


def _choice_labels(model, name):
    """{value: label} of a choice field whose `get_<name>_display` is Django's own, per language; else None.

    Django's method builds the field's whole choice dict, translating every label, on each call: that was
    most of a 100,000-row export's time (and of every list page's cells).
    """
    key = (model, name, get_language())
    if key not in _CHOICE_LABELS:
        labels = None
        if isinstance(inspect.getattr_static(model, f"get_{name}_display", None), partialmethod):
            field = model._meta.get_field(name)
            labels = {make_hashable(value): force_str(label, strings_only=True)
                      for value, label in field.flatchoices}
            labels = (field.attname, labels)
        _CHOICE_LABELS[key] = labels
    return _CHOICE_LABELS[key]


def column_value(obj, path):
    """Read `a__b__c` from an object, using choice labels; '' for a missing link."""
    value = obj
    parts = path.split("__")
    for index, part in enumerate(parts):
        if value is None:
            return ""
        is_last = index == len(parts) - 1
        if is_last and hasattr(value, f"get_{part}_display"):
            known = _choice_labels(type(value), part)
            if known is None:
                return value.__getattribute__(f"get_{part}_display")()
            attname, labels = known
            raw = getattr(value, attname)
            return labels.get(make_hashable(raw), raw)
        value = getattr(value, part)
        if callable(value) and not isinstance(value, models.Manager):
            value = value()
    return value


def _link_columns(parts):
    """The values() names of the relations a column path crosses: `a__b__c` → `a`, `a__b`."""
    return tuple("__".join(parts[:end]) for end in range(1, len(parts)))


def _cell_reader(queryset, path):
    """(values() columns, read(row)) giving what `column_value(obj, path)` gives for the row's object.

    Raises Unsupported for a column that needs the instance: a relation itself (shown as its label), a method,
    a property not marked with `row_property`, a choice field with its own `get_<name>_display`.
    """
    if path in queryset.query.annotations:
        return (path,), lambda row: row[path]
    parts = path.split("__")
    columns, prop = column_path(queryset.model, parts)
    links = _link_columns(parts)
    if prop is not None:
        owner, fget = prop
        prefix = "__".join(columns) + "__" if columns else ""
        # A property with a display method of its own (a computed state and its label) is shown through it.
        shown = getattr(owner, f"get_{parts[-1]}_display", fget)

        def read(row):
            return shown(bare_instance(owner, fget.row_columns, row, prefix))

        needed = tuple(prefix + column for column in fget.row_columns)
    else:
        owner = queryset.model
        for part in parts[:-1]:
            owner = owner._meta.get_field(part).related_model
        field = owner._meta.get_field(parts[-1])
        if field.is_relation:
            raise Unsupported(path)
        column = "__".join(columns)
        if hasattr(owner, f"get_{parts[-1]}_display"):
            known = _choice_labels(owner, parts[-1])
            if known is None:
                raise Unsupported(path)
            labels = known[1]

            def read(row):
                raw = row[column]
                return labels.get(make_hashable(raw), raw)
        else:
            def read(row):
                return row[column]
        needed = (column,)
    if not links:
        return needed, read

    def through(row):
        return "" if any(row[link] is None for link in links) else read(row)

    return (*needed, *links), through


def export_plan(queryset, paths):
    """The values() columns and a reader per column path, or None when one of them needs the model instance.

    An export of 100,000 rows spent most of its time building model instances (with their related rows) for a
    handful of columns; value rows give the same cells (tests/platform/test_exports.py compares both).
    """
    try:
        readers = [_cell_reader(queryset, path) for path in paths]
    except Unsupported:
        return None
    columns = list(dict.fromkeys(column for needed, _read in readers for column in needed))
    return columns, [read for _needed, read in readers]


class SearchRelatedFilter:
    """Rows whose related record matches a typed name (by its beginning) or number (exactly)."""

    def __init__(self, *, field_name, targets, search):
        self.field_name, self.targets, self.search = field_name, targets, search

    def filter(self, queryset, value):
        from django.db.models import Q

        text = (value or "").strip()
        if not text:
            return queryset
        condition = Q()
        for path in self.search:
            condition |= Q(**{f"{path}__startswith": text})
        if text.isdigit():
            condition |= Q(pk=int(text))
        return queryset.filter(**{f"{self.field_name}__in": self.targets.filter(condition).values("pk")})


_region_choices = None


def set_region_choices(provider):
    """`provider(user) -> select choices` of the regions a user may pick; handed over by organizations at start-up."""
    global _region_choices
    _region_choices = provider


def region_picker_choices(user):
    """Districts, each with its towns, that the user may see: a picker instead of a typed 12-digit code."""
    if _region_choices is None:
        raise ImproperlyConfigured("no region picker: the organizations app hands it over in its ready()")
    return _region_choices(user)


def is_money(path, label) -> bool:
    text = f"{path} {label}".lower()
    return any(word in text for word in ("amount", "yuan", "budget", "received", "spent", "balance", "金额", "元"))


def money_text(value) -> str:
    sign = "−" if value < 0 else ""
    return f"{sign}¥{abs(value):,.2f}"


def detail_value(value, path, label):
    if isinstance(value, Decimal) and is_money(path, label):
        return money_text(value)
    return display_value(value)


def display_value(value):
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return force_str(value)


def export_value(value):
    """A column's value as an export cell: numbers, dates and times keep their type, objects become their label."""
    if value is None or isinstance(value, (bool, int, float, Decimal, date)):
        return value
    return force_str(value)


class PortalListView(StaffRequiredMixin, ScopedMixin, FilterView):
    """A filtered, sortable, paginated list that exports what it shows."""

    template_name = "portal/list.html"
    paginate_by = 25
    columns: list = []  # [(path, label)]; the first column links to the detail page
    sortable: tuple = ()
    default_sort = None
    select_related: tuple = ()
    create_url_name = None
    title = None
    export_name = None
    strict = False
    link_rows = True
    region_code_filters: tuple = ()  # more filters that take a region code: shown as the picker too
    link_column = None  # the column path carrying the link to the record; default: the name, else the first
    import_kind = None  # a key of redcross.imports.REGISTRY: shows the import button

    def get_filterset(self, filterset_class):
        """Filter choices offer only what the user may see, and large tables take an id instead of a select."""
        from django import forms as django_forms

        filterset = super().get_filterset(filterset_class)
        for name, declared in filterset.filters.items():
            field = filterset.form.fields.get(name)
            region_prefix = getattr(declared, "region_picker", False)  # organizations.filters.RegionPrefixFilter
            if field is not None and (region_prefix or name in self.region_code_filters):
                field.widget = LongSelect(choices=region_picker_choices(self.request.user))
                if region_prefix:
                    field.label = _("Region")
        for field in filterset.form.fields.values():
            if isinstance(field, django_forms.NullBooleanField):
                field.widget = django_forms.NullBooleanSelect()
                field.widget.choices = [("unknown", _("All")), ("true", _("Yes")), ("false", _("No"))]
        for name, field in list(filterset.form.fields.items()):
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if hasattr(queryset.model, "scope_region_lookup"):
                field.queryset = scope_queryset(queryset, self.request.user)
            # A model with `large_choice` (the fields to search) would render a select of every row
            # (a million people): a search box instead, matching a number exactly or a name by its beginning.
            search = getattr(queryset.model, "large_choice", None)
            if search and name in filterset.filters:
                if search is True:
                    search = ()  # the number (id) only
                filterset.form.fields[name] = django_forms.CharField(
                    label=field.label, required=False, max_length=50,
                    widget=django_forms.TextInput(attrs={"placeholder": _("Name or number")}))
                filterset.filters[name] = SearchRelatedFilter(
                    field_name=filterset.filters[name].field_name, targets=field.queryset, search=search)
        return filterset

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        sort = self.request.GET.get("sort", "")
        if sort.lstrip("-") in self.sortable:
            queryset = queryset.order_by(sort, "pk")
        elif self.default_sort:
            queryset = queryset.order_by(*self.default_sort)
        return queryset

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("xlsx", "csv"):
            filterset = self.get_filterset(self.get_filterset_class())
            queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
            return self.export(queryset, export)
        return super().get(request, *args, **kwargs)

    def get_title(self):
        return self.title or capfirst(force_str(self.model._meta.verbose_name_plural))

    def header_labels(self):
        return [force_str(label) for _path, label in self.columns]

    read_rows = True  # tests turn it off to compare both paths

    def rows(self, queryset):
        """Export rows: typed values (numbers, dates, local times) for `redcross.exports` to write.

        Read as value rows when every column allows it (export_plan), else as model instances.
        """
        plan = export_plan(queryset, [path for path, _label in self.columns]) if self.read_rows else None
        if plan is None:
            for obj in queryset.iterator(chunk_size=2000):
                yield [export_value(column_value(obj, path)) for path, _label in self.columns]
            return
        columns, readers = plan
        for row in queryset.values(*columns).iterator(chunk_size=2000):
            yield [export_value(read(row)) for read in readers]

    def export_filename(self, extension):
        name = self.export_name or self.model._meta.model_name
        return f"{name}-{timezone.localtime():%Y%m%d-%H%M}.{extension}"

    def export(self, queryset, kind):
        filename = self.export_filename(kind).rsplit(".", 1)[0]
        return export_response(kind, filename=filename, title=self.get_title(), header=self.header_labels(),
                               rows=self.rows(queryset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        sort = self.request.GET.get("sort", "")
        headers = []
        for path, label in self.columns:
            entry = {"label": label, "sortable": path in self.sortable, "path": path}
            if entry["sortable"]:
                q = query.copy()
                q["sort"] = f"-{path}" if sort == path else path
                entry["url"] = "?" + q.urlencode()
                entry["state"] = "asc" if sort == path else ("desc" if sort == f"-{path}" else "")
            headers.append(entry)
        link = self.link_index()
        rows = []
        for obj in context["object_list"]:
            cells = []
            for index, (path, label) in enumerate(self.columns):
                value = column_value(obj, path)
                numeric = isinstance(value, (Decimal, int, float)) and not isinstance(value, bool)
                cells.append({"text": detail_value(value, path, label), "label": label, "numeric": numeric,
                              "link": index == link})
            rows.append((obj, cells))
        context["object_rows"] = rows
        for index, header in enumerate(headers):
            header["numeric"] = bool(rows) and rows[0][1][index]["numeric"]
        export_query = self.request.GET.copy()
        export_query.pop("page", None)
        context.update(
            title=self.get_title(),
            headers=headers,
            query_string=query.urlencode(),
            export_query=export_query.urlencode(),
            create_url_name=self.create_url_name if self.create_allowed() else None,
            link_rows=self.link_rows,
            import_kind=self.import_kind if self.import_allowed() else None,
        )
        return context

    def link_index(self):
        """The column that links to the record: the name when the list shows one (an applicant has no number yet)."""
        if self.link_column is not None:
            return [path for path, _label in self.columns].index(self.link_column)
        for index, (path, _label) in enumerate(self.columns):
            if path.endswith(("masked_name", "label", "full_name")) or path in ("name", "title"):
                return index
        return 0

    def import_allowed(self):
        from redcross.imports import REGISTRY

        importer = REGISTRY.get(self.import_kind)
        return importer is not None and self.request.user.has_perm(importer.permission)

    def create_allowed(self):
        meta = self.model._meta
        return self.create_url_name and self.request.user.has_perm(f"{meta.app_label}.add_{meta.model_name}")


class PortalDetailView(StaffRequiredMixin, ScopedMixin, generic.DetailView):
    template_name = "portal/detail.html"
    fields: list = []  # [(path, label)]
    edit_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        meta = self.model._meta
        context["title"] = force_str(obj)
        context["model_name"] = capfirst(force_str(meta.verbose_name))
        context["field_rows"] = [(label, detail_value(column_value(obj, path), path, label))
                                 for path, label in self.fields]
        if self.edit_url_name and self.request.user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
            context["edit_url_name"] = self.edit_url_name
        if self.request.user.has_perm("redcross.view_history"):
            context["history"] = describe_events(events_for(obj)[:50], user=self.request.user)
        return context


class ServiceFormMixin:
    """Create and edit pages save through the app's service; its errors land on the form's fields."""

    template_name = "portal/form.html"
    success_message = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def save(self, form):
        raise ImproperlyConfigured("ServiceFormMixin needs save(form)")

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as exc:
            errors_to_form(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message or _("Saved."))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = self.model._meta
        obj = getattr(self, "object", None)
        if obj is not None and obj.pk:
            context["title"] = _("Edit %(name)s") % {"name": force_str(obj)}
        else:
            context["title"] = _("New %(model)s") % {"model": force_str(meta.verbose_name)}
        return context


class PortalCreateView(StaffRequiredMixin, ServiceFormMixin, generic.CreateView):
    permission_action = "add"


class PortalUpdateView(StaffRequiredMixin, ScopedMixin, ServiceFormMixin, generic.UpdateView):
    permission_action = "change"


class ScopedFormMixin:
    """Model choices on portal forms only offer what the user may see."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "scope_region_lookup"):
                field.queryset = scope_queryset(queryset, user)
