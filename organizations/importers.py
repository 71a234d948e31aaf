"""Excel/CSV imports of the grassroots registers (redcross/imports.py): the institutions to cover, centre pilots,
AED stations and partner sites.

`RegisterImporter` turns a row into an unsaved model instance through the same checks as the service (scope,
choices, model constraints), and writes the good rows in one bulk insert; outreach/ reuses it for its registers.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations import grassroots_services
from organizations.choices import (
    CentreHostKind,
    CentreStatus,
    InstitutionKind,
    PartnerSiteKind,
    RegionLevel,
    ScenicGrade,
    SchoolStage,
)
from organizations.models import Region
from organizations.models_grassroots import AedStation, Centre, Institution, PartnerSite
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


@register
class CentreImporter(RegisterImporter):
    """Pilots registered from a district's list: each row is a planned centre (the checklist and acceptance are
    done on the centre's page, one step at a time)."""

    key = "organizations.centre"
    label = gettext_lazy("Disaster-prevention centre pilots")
    permission = "organizations.add_centre"
    model = Centre
    columns = [
        Column("name", gettext_lazy("Centre name"), required=True, example="总府路社区红十字防灾避险中心"),
        Column("host_kind", gettext_lazy("Host"), required=True, example="社区/村"),
        Column("region", gettext_lazy("Region code"), required=True, example="510104022006"),
        Column("scenic_grade", gettext_lazy("Scenic area grade"), example=""),
        Column("batch", gettext_lazy("Pilot batch"), example="1"),
        Column("address", gettext_lazy("Address"), required=True, example="总府路2号"),
        Column("shelter_capacity", gettext_lazy("Shelter capacity (people)"), example="300"),
    ]
    choice_columns = {"host_kind": CentreHostKind.choices, "scenic_grade": ScenicGrade.choices}
    int_columns = ("batch", "shelter_capacity")
    unique_together = ("region", "name")

    def prepare(self):
        super().prepare()
        self.existing = set(scope_queryset(Centre.objects.all(), self.user).values_list("region_id", "name"))
        self.home = set(Region.objects.filter(level=RegionLevel.DISTRICT, is_home_city=True)
                        .values_list("code", flat=True))

    def validate_row(self, values):
        data = self.convert(values)
        region, errors = data["region"], {}
        if (region.code, data["name"]) in self.existing:
            errors["name"] = [_("Name: this region already has a centre of that name.")]
        wanted = grassroots_services.HOST_LEVEL.get(data["host_kind"])
        if wanted and region.level != wanted:
            errors["region"] = [_("Region: a centre hosted by a community sits in that community; others in a "
                                  "town.")]
        district = region.code[:6] + "000000"
        if district not in self.home:
            errors.setdefault("region", []).append(_("Region: choose a region of Chengdu."))
        if data["host_kind"] == CentreHostKind.SCENIC_AREA and not data["scenic_grade"]:
            errors["scenic_grade"] = [_("Scenic area grade: a scenic-area host has its A grade.")]
        if data["host_kind"] != CentreHostKind.SCENIC_AREA:
            data["scenic_grade"] = ""
        data["batch"] = data["batch"] or 1
        if errors:
            raise ValidationError(errors)
        centre = Centre(district_id=district, status=CentreStatus.PLANNED, **data)
        centre.full_clean(exclude=["region", "district"])
        return centre


@register
class AedStationImporter(RegisterImporter):
    key = "organizations.aed"
    label = gettext_lazy("AED stations")
    permission = "organizations.add_aedstation"
    model = AedStation
    columns = [
        Column("name", gettext_lazy("Place"), required=True, example="春熙路地铁站AED"),
        Column("region", gettext_lazy("Region code"), required=True, example="510104022006"),
        Column("address", gettext_lazy("Address"), required=True, example="春熙路地铁站B口"),
        Column("host_unit", gettext_lazy("Host unit"), required=True, example="成都轨道交通集团"),
        Column("device_model", gettext_lazy("Device model"), required=True, example="迈瑞 BeneHeart C1A"),
        Column("serial_number", gettext_lazy("Serial number"), required=True, example="AED-2025-0001"),
        Column("installed_on", gettext_lazy("Installed on"), required=True, example="2024-06-01"),
        Column("opening_hours", gettext_lazy("Opening hours"), example="全天"),
    ]
    date_columns = ("installed_on",)
    unique_together = ("serial_number",)

    def prepare(self):
        super().prepare()
        self.serials = set(AedStation.objects.values_list("serial_number", flat=True))

    def validate_row(self, values):
        data = self.convert(values)
        data["serial_number"] = data["serial_number"].upper()
        if data["serial_number"] in self.serials:
            raise ValidationError({"serial_number": [_("Serial number: this device is already registered.")]})
        if data["installed_on"] and data["installed_on"] > timezone.localdate():
            raise ValidationError({"installed_on": [_("Installed on: not in the future.")]})
        station = AedStation(**data)
        station.full_clean(exclude=["region"], validate_unique=False)
        return station

    def write(self, cleaned):
        """One bulk insert, then the first-aiders living in each station's community (one query per file)."""
        from organizations import hooks

        with transaction.atomic():
            created = AedStation.objects.bulk_create(cleaned, batch_size=2000)
            holders = hooks.certificate_holders_by_region({s.region_id for s in created},
                                                          on=timezone.localdate())
            for code, count in holders.items():
                AedStation.objects.filter(pk__in=[s.pk for s in created if s.region_id == code]).update(
                    trained_nearby=count)
        return len(created)


@register
class PartnerSiteImporter(RegisterImporter):
    key = "organizations.partnersite"
    label = gettext_lazy("Partner sites")
    permission = "organizations.add_partnersite"
    model = PartnerSite
    columns = [
        Column("name", gettext_lazy("Site name"), required=True, example="锦江区新时代文明实践中心"),
        Column("kind", gettext_lazy("Kind"), required=True, example="新时代文明实践中心"),
        Column("region", gettext_lazy("Region code"), required=True, example="510104022000"),
        Column("agency", gettext_lazy("Responsible agency"), required=True, example="锦江区委宣传部"),
        Column("agreement_number", gettext_lazy("Agreement number"), example="HZ-2025-001"),
        Column("agreement_signed_on", gettext_lazy("Agreement signed on"), example="2025-03-01"),
        Column("services", gettext_lazy("Red Cross services offered"), required=True,
               example="应急救护培训、防灾减灾宣传"),
    ]
    choice_columns = {"kind": PartnerSiteKind.choices}
    date_columns = ("agreement_signed_on",)
    unique_together = ("region", "name")

    def validate_row(self, values):
        data = self.convert(values)
        if data["agreement_signed_on"] and data["agreement_signed_on"] > timezone.localdate():
            raise ValidationError({"agreement_signed_on": [_("Agreement signed on: not in the future.")]})
        site = PartnerSite(**data)
        site.full_clean(exclude=["region"])
        return site
