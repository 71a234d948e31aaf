"""Bulk import of people from Excel or CSV: every row through people.services' rules."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations.models import Region
from people.identifiers import DocumentType
from people.models import Person
from people.services import person_build
from redcross.imports import Column, Importer, choice_lookup, copy_insert, register
from redcross.scoping import scope_queryset


def existing_people(people, with_names=False) -> dict:
    """{(document type, number hash): (pk, full name or None)} of the registered holders of these unsaved people's
    documents: one index probe per document, 5,000 to a query."""
    by_type = {}
    for person in people:
        by_type.setdefault(person.document_type, []).append(person.document_number_hash)
    fields = ("pk", "document_number_hash", "full_name") if with_names else ("pk", "document_number_hash")
    found = {}
    for document_type, hashes in by_type.items():
        # (document_type, hash) leads the unique index.
        for start in range(0, len(hashes), 5000):
            for pk, number_hash, *name in Person.objects.filter(
                    document_type=document_type, document_number_hash__any=hashes[start:start + 5000]
            ).values_list(*fields):
                found[(document_type, number_hash)] = (pk, name[0] if name else None)
    return found


@register
class PersonImporter(Importer):
    key = "people.person"
    label = gettext_lazy("People")
    permission = "people.add_person"
    # check_batch's two checks are the one_person_per_document constraint's; validate_row reads no table.
    stream_model = Person
    columns = [
        Column("full_name", gettext_lazy("Full name"), required=True, example="张三"),
        Column("document_type", gettext_lazy("Document type"), example="居民身份证"),
        Column("document_number", gettext_lazy("Document number"), required=True, example="51010419900307123X"),
        Column("mobile", gettext_lazy("Mobile"), example="13812345678"),
        Column("region", gettext_lazy("Region code"), required=True, example="510104022006"),
    ]

    def prepare(self):
        self.regions = {r.code: r for r in scope_queryset(Region.objects.all(), self.user)}
        self.document_types = choice_lookup(DocumentType.choices)

    def validate_row(self, values):
        from django.core.exceptions import ValidationError

        raw_type = values.get("document_type") or DocumentType.RESIDENT_ID
        document_type = self.document_types.get(raw_type.strip(), raw_type.strip())
        code = values.get("region", "").strip()
        region = self.regions.get(code)
        if region is None and code:
            raise ValidationError({"region": _("Region: %(code)s is not a region code within your area.")
                                   % {"code": code}})
        # The user's scope was applied to the region table above.
        return person_build(actor=None, full_name=values.get("full_name", ""), document_type=document_type,
                            document_number=values.get("document_number", ""), mobile=values.get("mobile", ""),
                            region=region)

    def check_batch(self, cleaned, row_numbers):
        errors = {}
        seen = {}
        for index, person in enumerate(cleaned):
            key = (person.document_type, person.document_number_hash)
            if key in seen:
                errors[index] = {"document_number": [
                    _("Document number: the same document appears on row %(row)s of this file.")
                    % {"row": row_numbers[seen[key]]}]}
            else:
                seen[key] = index
        existing = existing_people(cleaned)
        for index, person in enumerate(cleaned):
            if (person.document_type, person.document_number_hash) in existing and index not in errors:
                errors[index] = {"document_number": [
                    _("Document number: a person with this document is already registered.")]}
        return errors

    def write(self, cleaned):
        with transaction.atomic():
            return copy_insert(Person, cleaned)
