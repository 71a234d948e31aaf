"""Excel/CSV imports of the grassroots registers (redcross/imports.py): the institutions to cover.

`RegisterImporter` turns a row into an unsaved model instance through the same checks as the service (scope,
choices, model constraints), and writes the good rows in one bulk insert; outreach/ reuses it for its registers.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations import grassroots_services
from organizations.choices import InstitutionKind, ScenicGrade, SchoolStage
from organizations.models import Region
from organizations.models_grassroots import Institution
from redcross.imports import Column, Importer, choice_lookup, register
from redcross.scoping import scope_queryset


class RegisterImporter(Importer):
    model = None
    region_column = "region"
    choice_columns: dict = {}  # column key -> choices
    date_columns: tuple = ()
    int_columns: tuple = ()
    bool_columns: tuple = ()
    unique_together: tuple = ()  # column keys whose values may appear once in a file

    def prepare(self):
        self.regions = {code: Region(code=code, name=name, level=level, parent_id=parent)
                        for code, name, level, parent in scope_queryset(Region.objects.all(), self.user)
                        .values_list("code", "name", "level", "parent_id")}
        self.choices = {key: choice_lookup(choices) for key, choices in self.choice_columns.items()}

    def convert(self, values: dict) -> dict:
        errors, data = {}, {}
        for column in self.columns:
            raw = str(values.get(column.key) or "").strip()
            if column.required and not raw:
                errors[column.key] = [_("%(column)s: required.") % {"column": column.label}]
                continue
            if column.key == self.region_column:
                region = self.regions.get(raw)
                if region is None:
                    errors[column.key] = [_("Region: %(code)s is not a region code within your area.") % {"code": raw}]
                data[column.key] = region
            elif column.key in self.choices:
                value = self.choices[column.key].get(raw, None) if raw else ""
                if value is None:
                    errors[column.key] = [_("%(column)s: %(value)s is not one of the choices.") % {
                        "column": column.label, "value": raw}]
                data[column.key] = value or ""
            elif column.key in self.date_columns:
                try:
                    data[column.key] = date.fromisoformat(raw[:10]) if raw else None
                except ValueError:
                    errors[column.key] = [_("%(column)s: write the date as 2025-05-08.") % {"column": column.label}]
            elif column.key in self.int_columns:
                if raw and not raw.isdigit():
                    errors[column.key] = [_("%(column)s: a whole number.") % {"column": column.label}]
                data[column.key] = int(raw) if raw.isdigit() else 0
            elif column.key in self.bool_columns:
                data[column.key] = raw.lower() not in ("否", "no", "false", "0", "n")
            else:
                data[column.key] = raw
        if errors:
            raise ValidationError(errors)
        return data

    def check_batch(self, cleaned, row_numbers):
        errors, seen = {}, {}
        if not self.unique_together:
            return errors
        for index, obj in enumerate(cleaned):
            key = tuple(getattr(obj, f"{name}_id", None) or getattr(obj, name) for name in self.unique_together)
            if key in seen:
                errors[index] = {self.unique_together[-1]: [
                    _("Duplicate of row %(row)s in this file.") % {"row": row_numbers[seen[key]]}]}
            else:
                seen[key] = index
        return errors

    def write(self, cleaned):
        with transaction.atomic():
            self.model.objects.bulk_create(cleaned, batch_size=2000)
        return len(cleaned)


@register
class InstitutionImporter(RegisterImporter):
    key = "organizations.institution"
    label = gettext_lazy("Institutions to cover")
    permission = "organizations.add_institution"
    model = Institution
    columns = [
        Column("name", gettext_lazy("Institution name"), required=True, example="成都市第七中学"),
        Column("kind", gettext_lazy("Type"), required=True, example="中小学"),
        Column("school_stage", gettext_lazy("School stage"), example="完全中学（初中和高中）"),
        Column("scenic_grade", gettext_lazy("Scenic area grade"), example=""),
        Column("region", gettext_lazy("Region code"), required=True, example="510104022000"),
        Column("credit_code", gettext_lazy("Unified social credit code"), example=""),
        Column("headcount", gettext_lazy("Headcount (staff)"), example="320"),
        Column("address", gettext_lazy("Address"), example="林荫中街1号"),
    ]
    choice_columns = {"kind": InstitutionKind.choices, "school_stage": SchoolStage.choices,
                      "scenic_grade": ScenicGrade.choices}
    int_columns = ("headcount",)
    unique_together = ("region", "name")

    def prepare(self):
        super().prepare()
        self.existing = set(scope_queryset(Institution.objects.all(), self.user).values_list("region_id", "name"))

    def validate_row(self, values):
        data = self.convert(values)
        if (data["region"].code, data["name"]) in self.existing:
            raise ValidationError({"name": [_("Name: this region already has an institution of that name.")]})
        institution = Institution(**data)
        grassroots_services.institution_prepare(institution, None)
        return institution
