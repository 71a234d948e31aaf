"""Group enrolment from Excel or CSV (a school class, an enterprise): every row through the same rules."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.identifiers import DocumentType
from people.importers import PersonImporter
from redcross.imports import Column, register
from redcross.scoping import scope_queryset
from training import services
from training.choices import EnrolmentChannel, EnrolmentStatus, SessionStatus
from training.models import Enrolment, TrainingSession


@register
class EnrolmentImporter(PersonImporter):
    """The people import's columns and look-ups, plus the session and the group."""

    key = "training.enrolment"
    label = gettext_lazy("Group enrolment")
    permission = "training.add_enrolment"
    columns = [
        Column("session", gettext_lazy("Session number"), required=True, example="12"),
        *PersonImporter.columns,
        Column("group_name", gettext_lazy("Group (class, enterprise)"), example="成都七中高一(3)班"),
    ]

    def prepare(self):
        super().prepare()
        self.sessions = {s.pk: s for s in scope_queryset(TrainingSession.objects.select_related("course"), self.user)
                         .filter(status=SessionStatus.SCHEDULED, starts_at__gt=timezone.now())}

    def validate_row(self, values):
        errors = {}
        raw_session = (values.get("session") or "").strip()
        session = self.sessions.get(int(raw_session)) if raw_session.isdigit() else None
        if session is None:
            errors["session"] = [_("Session: %(value)s is not an open session of your area.") % {"value": raw_session}]
        raw_type = (values.get("document_type") or DocumentType.RESIDENT_ID).strip()
        code = (values.get("region") or "").strip()
        if code not in self.regions:
            errors["region"] = [_("Region: %(code)s is not a region code within your area.") % {"code": code}]
        person = None
        try:
            person = services.person_for_trainee(
                full_name=values.get("full_name", ""), document_type=self.document_types.get(raw_type, raw_type),
                document_number=values.get("document_number", ""), mobile=values.get("mobile", ""),
                region=self.regions.get(code))
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                if key not in errors:
                    errors[key] = messages
        if errors:
            raise ValidationError(errors)
        if person.pk and Enrolment.objects.filter(session=session, person=person).exclude(
                status=EnrolmentStatus.CANCELLED).exists():
            raise ValidationError({"document_number": [_("Document number: this person is already enrolled in "
                                                         "that session.")]})
        return {"session": session, "person": person, "group_name": (values.get("group_name") or "").strip()}

    def check_batch(self, cleaned, row_numbers):
        errors, seen = {}, {}
        for index, row in enumerate(cleaned):
            person = row["person"]
            key = (row["session"].pk, person.document_type, person.document_number_hash)
            if key in seen:
                errors[index] = {"document_number": [
                    _("Document number: the same person appears on row %(row)s for that session.")
                    % {"row": row_numbers[seen[key]]}]}
            else:
                seen[key] = index
        return errors

    def write(self, cleaned):
        """Enrol each row through the booking service: a full session puts the rest on the waiting list."""
        written = 0
        saved = {}
        with transaction.atomic():
            for row in cleaned:
                person = row["person"]
                if person.pk is None:
                    key = (person.document_type, person.document_number_hash)
                    person = saved.get(key) or services.save_person(person)
                    saved[key] = person
                services.enrolment_book(session=row["session"], person=person, channel=EnrolmentChannel.IMPORT,
                                        group_name=row["group_name"])
                written += 1
        return written

