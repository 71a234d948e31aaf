"""Bulk import of volunteers from another system's Excel export.

Each row goes through the people registry's checks (GB 11643 check character,
mobile, region within the importer's area); duplicates within the file and
volunteers already on record are bad rows. A person already in the registry
is linked, not registered twice. Good rows are written with COPY and get
district volunteer numbers reserved in one step, without gaps.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations.choices import OrganizationKind
from organizations.models import Organization, Region
from people.identifiers import DocumentType
from people.importers import existing_people
from people.models import Person
from people.services import person_build
from redcross.errors import merge
from redcross.imports import Column, Importer, copy_insert, register
from redcross.instances import build
from redcross.numbering import next_numbers
from redcross.scoping import scope_queryset
from volunteers.choices import Skill, Tier, VolunteerStatus
from volunteers.models import Volunteer

IMPORTABLE_STATUSES = (VolunteerStatus.SIGNED_UP, VolunteerStatus.REGISTERED)
# Translated only when a row has the problem: validation runs 100,000 times per file.
UNKNOWN_DOCUMENT_TYPE = gettext_lazy("Document type: unknown %(value)s.")
UNKNOWN_TIER = gettext_lazy("Tier: unknown %(value)s.")
STATUS_NOT_IMPORTABLE = gettext_lazy("Status: %(value)s cannot be imported; use signed-up or registered.")


@dataclass
class VolunteerRow:
    person: Person
    volunteer: Volunteer


def _labels(choices):
    """value → value, and each label in Chinese and English → value."""
    table = {}
    for value, label in choices:
        table[value.lower()] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                table[str(label).lower()] = value
    return table


@register
class VolunteerImporter(Importer):
    key = "volunteers.volunteer"
    label = gettext_lazy("Volunteers")
    permission = "volunteers.add_volunteer"
    columns = [
        Column("full_name", gettext_lazy("Full name"), required=True, example="张三"),
        Column("document_type", gettext_lazy("Document type"), example="居民身份证"),
        Column("document_number", gettext_lazy("Document number"), required=True, example="51010419900307123X"),
        Column("mobile", gettext_lazy("Mobile"), required=True, example="13812345678"),
        Column("region", gettext_lazy("Region code"), required=True, example="510104022006"),
        Column("tier", gettext_lazy("Volunteer tier"), example="社区志愿者"),
        Column("status", gettext_lazy("Status"), example="登记志愿者"),
        Column("skills", gettext_lazy("Skills"), example="护士、心理咨询师"),
        Column("qualifications", gettext_lazy("Professional qualifications"), example="护士执业证书"),
        Column("availability", gettext_lazy("Availability"), example="周末"),
    ]

    # Each new person goes to COPY while the file is checked (redcross.imports.Importer.stream_model). The
    # unique index on documents refuses every row check_batch would: a document twice in the file, a person
    # already registered (so possibly a volunteer). Then nothing is kept and the file goes the checked way,
    # which links registered people. Each chunk's volunteers follow its people, pointing at drawn keys.
    stream_model = Person
    stream_ids = True

    def prepare(self):
        self.regions = {r.code: r for r in scope_queryset(Region.objects.all(), self.user)}
        self.societies = dict(
            Organization.objects.filter(kind=OrganizationKind.DISTRICT_SOCIETY, is_active=True)
            .values_list("region_id", "pk"))
        self.document_types = _labels(DocumentType.choices)
        self.tiers = _labels(Tier.choices)
        self.statuses = _labels([(s.value, s.label) for s in IMPORTABLE_STATUSES])
        self.skills = _labels(Skill.choices)
        self.now = timezone.now()

    def _choice(self, table, raw, default, field, message):
        raw = (raw or "").strip()
        if not raw:
            return default
        value = table.get(raw.lower())
        if value is None:
            raise ValidationError({field: str(message) % {"value": raw}})
        return value

    def validate_row(self, values):
        errors = {}
        code = (values.get("region") or "").strip()
        region = self.regions.get(code)
        society = self.societies.get(code[:6] + "000000") if region is not None else None
        if region is None:
            errors["region"] = [_("Region: %(code)s is not a region code within your area.") % {"code": code}]
        elif society is None:
            errors["region"] = [_("Region: no district Red Cross society takes volunteers there yet.")]
        picked = {}
        for field, table, default, message in (
            ("document_type", self.document_types, DocumentType.RESIDENT_ID, UNKNOWN_DOCUMENT_TYPE),
            ("tier", self.tiers, Tier.COMMUNITY, UNKNOWN_TIER),
            ("status", self.statuses, VolunteerStatus.SIGNED_UP, STATUS_NOT_IMPORTABLE),
        ):
            try:
                picked[field] = self._choice(table, values.get(field), default, field, message)
            except ValidationError as exc:
                merge(errors, exc)
        skills = []
        for raw in (values.get("skills") or "").replace("，", "、").replace(",", "、").replace(";", "、").split("、"):
            if raw.strip():
                skill = self.skills.get(raw.strip().lower())
                if skill is None:
                    errors.setdefault("skills", []).append(
                        _("Skills: unknown skill %(skill)s.") % {"skill": raw.strip()}
                    )
                elif skill not in skills:
                    skills.append(skill)
        if not (values.get("mobile") or "").strip():
            errors["mobile"] = [_("Mobile: required, so the volunteer can be reached.")]
        try:
            person = person_build(actor=None, full_name=values.get("full_name", ""),
                                  document_type=picked.get("document_type", DocumentType.RESIDENT_ID),
                                  document_number=values.get("document_number", ""),
                                  mobile=values.get("mobile", ""), region=region)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                if key != "region" or "region" not in errors:
                    errors.setdefault(key, []).extend(messages)
            person = None
        if errors:
            raise ValidationError(errors)
        status = picked["status"]
        volunteer = build(
            Volunteer,
            organization_id=society, tier=picked["tier"], status=status, skills=skills,
            qualifications=(values.get("qualifications") or "").strip()[:255],
            availability=(values.get("availability") or "").strip()[:255], consent_at=self.now,
            decided_at=self.now, decided_by_id=self.user.pk,
            registered_at=self.now if status == VolunteerStatus.REGISTERED else None,
        )
        return VolunteerRow(person=person, volunteer=volunteer)

    def check_batch(self, cleaned, row_numbers):
        errors = {}
        seen = {}
        for index, row in enumerate(cleaned):
            key = (row.person.document_type, row.person.document_number_hash)
            if key in seen:
                errors[index] = {"document_number": [
                    _("Document number: the same document appears on row %(row)s of this file.")
                    % {"row": row_numbers[seen[key]]}]}
            else:
                seen[key] = index
        existing = self._existing = existing_people([row.person for row in cleaned])
        numbers = {}
        person_ids = [pk for pk, _name in existing.values()]
        for start in range(0, len(person_ids), 5000):
            numbers.update(Volunteer.objects.filter(person_id__any=person_ids[start:start + 5000])
                           .values_list("person_id", "number"))
        for index, row in enumerate(cleaned):
            found = existing.get((row.person.document_type, row.person.document_number_hash))
            if found is not None and found[0] in numbers and index not in errors:
                errors[index] = {"document_number": [
                    _("Document number: this person is already a volunteer (number %(number)s).")
                    % {"number": numbers[found[0]] or "—"}]}
        return errors

    def write(self, cleaned):
        with transaction.atomic():
            # People found in the registry while checking the batch are linked; the others are added.
            # (A person registered in between makes COPY fail on the unique index, and the job with it.)
            existing = self._existing
            new_people = []
            for row in cleaned:
                found = existing.get((row.person.document_type, row.person.document_number_hash))
                if found is None:
                    new_people.append(row.person)
                else:
                    row.person.pk = found[0]
            copy_insert(Person, new_people, assign_pk=True)
            return copy_insert(Volunteer, self._volunteers(cleaned))

    def streamed(self, row):
        return row.person

    def streamed_after(self, rows):
        # Every person of a streamed file is new, with its drawn key. The chunks before hold their districts'
        # counters: this one's are taken without waiting (Importer.streamed_after).
        return Volunteer, self._volunteers(rows, nowait=True)

    def _volunteers(self, cleaned, nowait=False):
        """Each row's volunteer, for its person (saved: `row.person.pk`), numbered in its district without gaps."""
        year = timezone.localdate().year
        by_district = {}
        for row in cleaned:
            by_district.setdefault(row.person.region_id[:6], []).append(row)
        for district, rows in sorted(by_district.items()):
            numbers = next_numbers(f"volunteer:{district}:{year}", len(rows), nowait=nowait)
            for row, serial in zip(rows, numbers, strict=True):
                row.volunteer.person_id = row.person.pk
                row.volunteer.number = f"{district}{year}{serial:05d}"
        return [row.volunteer for row in cleaned]
