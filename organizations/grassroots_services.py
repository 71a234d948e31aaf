"""Writes with rules for the grassroots models: centres and their acceptance, institutions, AED stations,
partner sites, a town's work override, and the extended coverage figures.

Every function takes keyword-only arguments and `actor=` (None for a task), runs in one transaction, checks the
actor's area and raises ValidationError keyed by field.
"""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations import hooks
from organizations.choices import (
    CENTRE_NEXT_STATUS,
    AedStatus,
    CentreHostKind,
    CentreStatus,
    InstitutionKind,
    OrganizationKind,
    RegionLevel,
)
from organizations.models import Region
from organizations.models_grassroots import (
    AedInspection,
    AedStation,
    Centre,
    CentreInspection,
    CentreStaff,
    CoverageFigure,
    Institution,
    PartnerSite,
)
from people.identifiers import normalize_credit_code, validate_credit_code
from redcross.errors import collect
from redcross.scoping import require_in_scope


def _district_of(region: Region) -> Region:
    code = region.code[:6] + "000000"
    return region if region.code == code else Region.objects.get(code=code)


def _check_fields(model, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{model.__name__}: unknown fields {sorted(unknown)}")


def _require_org_in_scope(actor, organization, field):
    if organization is not None:
        require_in_scope(actor, organization.region_id, field=field,
                         message=_("Organisation: choose one within your own area."))


# --- centres -------------------------------------------------------------------------

CENTRE_FIELDS = ("name", "host_kind", "region", "host", "scenic_grade", "batch", "address", "latitude", "longitude",
                 "shelter_capacity", "premises_area", "aeds", "has_supplies", "has_signage", "has_evacuation_map")
HOST_LEVEL = {CentreHostKind.TOWN: RegionLevel.TOWN, CentreHostKind.COMMUNITY: RegionLevel.COMMUNITY,
              CentreHostKind.SCENIC_AREA: RegionLevel.TOWN}


def _centre_validate(centre: Centre, actor) -> None:
    errors = {}
    region = centre.region if centre.region_id else None
    if region is not None:
        collect(errors, require_in_scope, actor, region.code)
        wanted = HOST_LEVEL.get(centre.host_kind)
        if wanted and region.level != wanted:
            errors.setdefault("region", []).append(
                _("Region: a centre hosted by a community sits in that community; others in a town."))
        if not region.is_home_city:
            errors.setdefault("region", []).append(_("Region: choose a region of Chengdu."))
        else:
            centre.district = _district_of(region)
    host = centre.host if centre.host_id else None
    if host is not None:
        if region is not None and not region.code.startswith(host.region.prefix) \
                and not host.region.code.startswith(region.prefix):
            errors.setdefault("host", []).append(_("Host organisation: it must be in the centre's region."))
        if centre.host_kind == CentreHostKind.SCENIC_AREA and host.unit_type != "scenic_area":
            errors.setdefault("host", []).append(_("Host organisation: choose the scenic area's member unit."))
    if centre.host_kind == CentreHostKind.SCENIC_AREA and not centre.scenic_grade:
        errors.setdefault("scenic_grade", []).append(_("Scenic area grade: a scenic-area host has its A grade."))
    if centre.host_kind != CentreHostKind.SCENIC_AREA:
        centre.scenic_grade = ""
    if errors:
        raise ValidationError(errors)
    centre.full_clean()


@transaction.atomic
def centre_save(*, actor, centre: Centre | None = None, **fields) -> Centre:
    """Register a pilot (status planned) or edit one; the status moves only through centre_advance."""
    _check_fields(Centre, fields, CENTRE_FIELDS)
    if centre is None:
        centre = Centre(**fields)
    else:
        require_in_scope(actor, centre.region_id)
        centre = Centre.objects.select_for_update().get(pk=centre.pk)  # the row as it is now
        for name, value in fields.items():
            setattr(centre, name, value)
    _centre_validate(centre, actor)
    if centre.pk and centre.status in (CentreStatus.ACCEPTED, CentreStatus.OPERATING):
        centre.trained_staff = _trained_staff_count(centre)
        if not centre.checklist_complete:
            raise ValidationError({key: _("This checklist item must stay met while the centre is accepted.")
                                   for key in centre.checklist_missing() if key in fields or key == "trained_staff"}
                                  or {"status": _("Status: a centre is accepted only with a complete checklist.")})
    centre.save()
    return centre


def _trained_staff_count(centre: Centre, on: date | None = None) -> int:
    numbers = list(centre.staff.values_list("certificate_number", flat=True)) if centre.pk else []
    if not numbers:
        return 0
    return len(hooks.valid_certificate_numbers(numbers, on=on or timezone.localdate()))


@transaction.atomic
def centre_staff_add(*, actor, centre: Centre, certificate_number: str, duty: str = "") -> CentreStaff:
    """List someone on duty by their first-aid certificate number; only a valid certificate is accepted."""
    require_in_scope(actor, centre.region_id)
    number = (certificate_number or "").strip().upper()
    if not number:
        raise ValidationError({"certificate_number": _("Certificate number: enter the number on the certificate.")})
    if number not in hooks.valid_certificate_numbers([number], on=timezone.localdate()):
        raise ValidationError({"certificate_number": _("Certificate number: no valid first-aid certificate has "
                                                       "this number.")})
    staff = CentreStaff(centre=centre, certificate_number=number, duty=duty.strip())
    staff.full_clean()
    try:
        with transaction.atomic():
            staff.save()
    except IntegrityError:
        # Listed by someone else a moment ago: the unique constraint answers, as full_clean would have.
        raise ValidationError({"certificate_number": _("Certificate number: already listed at this centre.")}) from None
    centre_refresh_trained_staff(centre=centre)
    return staff


@transaction.atomic
def centre_staff_remove(*, actor, staff: CentreStaff) -> None:
    centre = staff.centre
    require_in_scope(actor, centre.region_id)
    staff.delete()
    centre_refresh_trained_staff(centre=centre)


def centre_refresh_trained_staff(*, centre: Centre, on: date | None = None) -> int:
    count = _trained_staff_count(centre, on)
    if count != centre.trained_staff:
        centre.trained_staff = count
        Centre.objects.filter(pk=centre.pk).update(trained_staff=count)
    return count


@transaction.atomic
def centre_advance(*, actor, centre: Centre, to_status: str) -> Centre:
    """Move a centre one step: planned → built → accepted → operating; acceptance needs the whole checklist."""
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    require_in_scope(actor, centre.region_id)
    expected = CENTRE_NEXT_STATUS.get(centre.status)
    if to_status != expected:
        raise ValidationError({"status": _("Status: a %(current)s centre can only move to %(next)s.") % {
            "current": CentreStatus(centre.status).label,
            "next": CentreStatus(expected).label if expected else "—"}})
    if to_status == CentreStatus.ACCEPTED:
        centre.trained_staff = _trained_staff_count(centre)
        missing = centre.checklist_missing()
        if missing:
            labels = {key: str(label) for key, label, _met in centre.checklist()}
            items = "、".join(labels[k] for k in missing)
            raise ValidationError({"status": _("Status: a centre is accepted only with a complete checklist; "
                                               "missing: %(items)s.") % {"items": items},
                                   **{key: _("%(item)s: not met yet.") % {"item": labels[key]} for key in missing}})
        centre.accepted_on = timezone.localdate()
        centre.accepted_by = actor
    centre.status = to_status
    centre.full_clean()
    centre.save()
    return centre


@transaction.atomic
def centre_inspection_record(*, actor, centre: Centre, inspected_on: date, inspector: str, passed: bool = True,
                             findings: str = "", next_due_on: date | None = None) -> CentreInspection:
    require_in_scope(actor, centre.region_id)
    if inspected_on and inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": _("Inspected on: not in the future.")})
    inspection = CentreInspection(centre=centre, inspected_on=inspected_on, inspector=inspector, passed=passed,
                                  findings=findings,
                                  next_due_on=next_due_on or (inspected_on + timedelta(days=inspection_interval())))
    inspection.full_clean()
    inspection.save()
    latest = centre.inspections.order_by("-inspected_on", "-id").values_list("next_due_on", flat=True).first()
    Centre.objects.filter(pk=centre.pk).update(next_inspection_on=latest)
    return inspection


def inspection_interval() -> int:
    from django.conf import settings

    return settings.REDCROSS.get("GRASSROOTS_INSPECTION_DAYS", 90)


# --- institutions ---------------------------------------------------------------------

INSTITUTION_FIELDS = ("name", "kind", "school_stage", "scenic_grade", "region", "credit_code", "headcount", "address",
                      "member_unit", "is_active")


def institution_prepare(institution: Institution, actor) -> None:
    """Validate one institution (the importer calls it for every row)."""
    errors = {}
    if institution.credit_code:
        institution.credit_code = normalize_credit_code(institution.credit_code)
        errors_of_code = {}
        collect(errors_of_code, validate_credit_code, institution.credit_code)
        if errors_of_code:
            errors["credit_code"] = [m for ms in errors_of_code.values() for m in ms]
    if institution.region_id:
        collect(errors, require_in_scope, actor, institution.region_id)
    unit = institution.member_unit if institution.member_unit_id else None
    if unit is not None:
        collect(errors, _require_org_in_scope, actor, unit, "member_unit")
        if unit.kind in (OrganizationKind.CITY_SOCIETY, OrganizationKind.DISTRICT_SOCIETY,
                         OrganizationKind.PARTNER_SOCIETY):
            errors["member_unit"] = [_("Red Cross organisation or member unit: choose the institution's own unit, "
                                       "not a society.")]
    if institution.kind == InstitutionKind.SCHOOL and not institution.school_stage:
        errors["school_stage"] = [_("School stage: a school has its stage.")]
    if institution.kind == InstitutionKind.SCENIC_AREA and not institution.scenic_grade:
        errors["scenic_grade"] = [_("Scenic area grade: a scenic area has its A grade.")]
    if institution.kind != InstitutionKind.SCHOOL:
        institution.school_stage = ""
    if institution.kind != InstitutionKind.SCENIC_AREA:
        institution.scenic_grade = ""
    if errors:
        raise ValidationError(errors)
    institution.full_clean()


@transaction.atomic
def institution_save(*, actor, institution: Institution | None = None, **fields) -> Institution:
    _check_fields(Institution, fields, INSTITUTION_FIELDS)
    if institution is None:
        institution = Institution(**fields)
    else:
        require_in_scope(actor, institution.region_id)
        institution = Institution.objects.select_for_update().get(pk=institution.pk)  # the row as it is now
        for name, value in fields.items():
            setattr(institution, name, value)
    institution_prepare(institution, actor)
    institution.save()
    return institution


# --- AED stations and partner sites -------------------------------------------------------

AED_FIELDS = ("name", "region", "address", "host_unit", "institution", "device_model", "serial_number",
              "installed_on", "status", "opening_hours", "latitude", "longitude")


@transaction.atomic
def aed_station_save(*, actor, station: AedStation | None = None, **fields) -> AedStation:
    _check_fields(AedStation, fields, AED_FIELDS)
    if station is None:
        station = AedStation(**fields)
    else:
        require_in_scope(actor, station.region_id)
        station = AedStation.objects.select_for_update().get(pk=station.pk)  # the row as it is now
        for name, value in fields.items():
            setattr(station, name, value)
    if station.region_id:
        require_in_scope(actor, station.region_id)
    if station.institution_id:
        require_in_scope(actor, station.institution.region_id, field="institution")
    station.serial_number = (station.serial_number or "").strip().upper()
    station.full_clean()
    station.save()
    holders = hooks.certificate_holders_by_region([station.region_id], on=timezone.localdate())
    AedStation.objects.filter(pk=station.pk).update(trained_nearby=holders.get(station.region_id, 0))
    station.refresh_from_db(fields=["trained_nearby"])
    return station


@transaction.atomic
def aed_inspection_record(*, actor, station: AedStation, inspected_on: date, inspector: str, working: bool = True,
                          battery_ok: bool = True, pads_expire_on: date | None = None, findings: str = "",
                          next_due_on: date | None = None) -> AedInspection:
    require_in_scope(actor, station.region_id)
    errors = {}
    if inspected_on and inspected_on > timezone.localdate():
        errors["inspected_on"] = [_("Inspected on: not in the future.")]
    if pads_expire_on and inspected_on and pads_expire_on < inspected_on and working:
        errors["pads_expire_on"] = [_("Pads expire on: expired pads mean the device is not ready.")]
    if errors:
        raise ValidationError(errors)
    inspection = AedInspection(station=station, inspected_on=inspected_on, inspector=inspector, working=working,
                               battery_ok=battery_ok, pads_expire_on=pads_expire_on, findings=findings,
                               next_due_on=next_due_on or (inspected_on + timedelta(days=inspection_interval())))
    inspection.full_clean()
    inspection.save()
    latest = station.inspections.order_by("-inspected_on", "-id").first()
    status = station.status
    if station.status != AedStatus.REMOVED:
        status = AedStatus.IN_SERVICE if (latest.working and latest.battery_ok) else AedStatus.OUT_OF_SERVICE
    AedStation.objects.filter(pk=station.pk).update(next_inspection_on=latest.next_due_on, status=status)
    return inspection


PARTNER_SITE_FIELDS = ("name", "kind", "region", "agency", "agreement_number", "agreement_signed_on", "services",
                       "is_active")


@transaction.atomic
def partner_site_save(*, actor, site: PartnerSite | None = None, **fields) -> PartnerSite:
    _check_fields(PartnerSite, fields, PARTNER_SITE_FIELDS)
    if site is None:
        site = PartnerSite(**fields)
    else:
        require_in_scope(actor, site.region_id)
        site = PartnerSite.objects.select_for_update().get(pk=site.pk)  # the row as it is now
        for name, value in fields.items():
            setattr(site, name, value)
    if site.region_id:
        require_in_scope(actor, site.region_id)
    if site.agreement_signed_on and site.agreement_signed_on > timezone.localdate():
        raise ValidationError({"agreement_signed_on": _("Agreement signed on: not in the future.")})
    site.full_clean()
    site.save()
    return site


# --- certificate-based figures (daily: certificates expire) ---------------------------------

def certificate_figures_refresh(*, on: date | None = None) -> int:
    """Recount centres' trained staff and AED stations' nearby first-aiders; answers the rows changed."""
    on = on or timezone.localdate()
    changed = 0
    numbers = defaultdict(list)
    for centre_id, number in CentreStaff.objects.values_list("centre_id", "certificate_number"):
        numbers[centre_id].append(number)
    valid = hooks.valid_certificate_numbers([n for ns in numbers.values() for n in ns], on=on)
    for centre_id, trained in Centre.objects.values_list("id", "trained_staff"):
        count = sum(1 for n in numbers.get(centre_id, ()) if n in valid)
        if count != trained:
            changed += Centre.objects.filter(pk=centre_id).update(trained_staff=count)
    stations = list(AedStation.objects.values_list("id", "region_id", "trained_nearby"))
    holders = hooks.certificate_holders_by_region({r for _i, r, _n in stations}, on=on)
    for station_id, region_id, nearby in stations:
        if holders.get(region_id, 0) != nearby:
            changed += AedStation.objects.filter(pk=station_id).update(trained_nearby=holders.get(region_id, 0))
    return changed


# --- extended coverage figures ------------------------------------------------------------

def _ancestors(code: str) -> list[str]:
    """The code's district and the city (the figures roll up to both)."""
    district = code[:6] + "000000"
    city = code[:4] + "00000000"
    return [c for c in dict.fromkeys((district, city))]


def institution_figures() -> dict:
    """{(region, key): [covered, total]} per district and city, by institution type."""
    # Grouped in the database by district and type: a few hundred rows, whatever the size of the register.
    rows = (Institution.objects.filter(is_active=True, region__is_home_city=True)
            .values(district=Substr("region_id", 1, 6), kind_=F("kind"))
            .annotate(total=Count("id"), covered=Count("id", filter=Q(member_unit__is_active=True)))
            .values_list("district", "kind_", "covered", "total"))
    figures = defaultdict(lambda: [0, 0])
    for district, kind, covered, total in rows:
        for code in _ancestors(district + "000000"):
            for key in (f"institutions.{kind}", "institutions.all"):
                entry = figures[(code, key)]
                entry[0] += covered
                entry[1] += total
    return figures


def centre_figures() -> dict:
    """Centres per district and city by zone and host kind: [accepted or operating, registered]."""
    rows = (Centre.objects.values("district_id", "district__zone", "host_kind")
            .annotate(total=Count("id"), accepted=Count("id", filter=Q(status__in=(CentreStatus.ACCEPTED,
                                                                                     CentreStatus.OPERATING)))))
    figures = defaultdict(lambda: [0, 0])
    for row in rows:
        for code in _ancestors(row["district_id"]):
            for key in (f"centres.zone.{row['district__zone'] or 'none'}", f"centres.host.{row['host_kind']}",
                        "centres.all"):
                entry = figures[(code, key)]
                entry[0] += row["accepted"]
                entry[1] += row["total"]
    return figures


def coverage_figures_recompute(*, as_of: date | None = None) -> int:
    """Institutions by type, centres by zone and host kind, and every registered source (squares, compacts)."""
    as_of = as_of or timezone.localdate()
    now = timezone.now()
    figures = {}
    figures.update(institution_figures())
    figures.update(centre_figures())
    for source in hooks.coverage_sources().values():
        figures.update(source())
    rows = [CoverageFigure(region_id=code, as_of=as_of, key=key, numerator=Decimal(num), denominator=Decimal(den),
                           computed_at=now)
            for (code, key), (num, den) in figures.items()]
    with transaction.atomic():
        # The day's figures are replaced whole: a pair that no longer exists must not linger.
        CoverageFigure.objects.filter(as_of=as_of).delete()
        CoverageFigure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
