"""Group enrolment from Excel or CSV (a school class, an enterprise): every row through the same rules.

Rows are checked without a query each: the people already registered and their enrolments are looked up for the
whole file at once (`check_batch`), new people are written with COPY and the places booked per session in one
step (`training.services.enrolments_plan_many`), with the rules of a single booking.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people import services as people_services
from people.identifiers import DocumentType
from people.importers import PersonImporter, existing_people
from people.models import Person
from redcross.imports import Column, StreamEnded, copy_insert, register
from redcross.scoping import scope_queryset
from training import services
from training.choices import EnrolmentChannel, EnrolmentStatus, SessionStatus
from training.models import Enrolment, TrainingSession

NAME_MISMATCH = gettext_lazy("Full name: it does not match the registered holder of this document.")


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

    # New people go to COPY while the file is checked, as for volunteers: a registered holder of a document, or
    # one person in the file twice (two sessions), makes the index refuse the COPY and the file goes the checked
    # way, which links them. A bad row ends the stream at once: its check may look the holder up.
    stream_model = Person
    stream_ids = True

    def prepare(self):
        super().prepare()
        self.booked_so_far = {}  # a streamed file's sessions: their places booked once its last chunk is in
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
        fields = {"full_name": values.get("full_name", ""),
                  "document_type": self.document_types.get(raw_type, raw_type),
                  "document_number": values.get("document_number", ""), "mobile": values.get("mobile", ""),
                  "region": self.regions.get(code)}
        person = None
        try:
            person = people_services.person_build(**fields)
        except ValidationError:
            pass
        if errors or person is None:
            if self.streaming:
                raise StreamEnded
            # A bad row only: one query tells whether a registered holder of the document is enrolled as registered
            # (then the row's own name check stands and its mobile does not matter), as for a single booking.
            try:
                person = services.person_for_trainee(**fields)
            except ValidationError as exc:
                for key, messages in exc.message_dict.items():
                    if key not in errors:
                        errors[key] = messages
        if errors:
            raise ValidationError(errors)
        return {"session": session, "person": person, "group_name": (values.get("group_name") or "").strip()}

    def check_batch(self, cleaned, row_numbers):
        """The registered holders of the documents, their enrolments and the file's repeats, all rows at once."""
        errors = {}
        found = existing_people([row["person"] for row in cleaned if row["person"].pk is None], with_names=True)
        for index, row in enumerate(cleaned):
            person = row["person"]
            if person.pk is not None:
                continue
            holder = found.get((person.document_type, person.document_number_hash))
            if holder is not None:
                if holder[1] != person.full_name:
                    errors[index] = {"full_name": [str(NAME_MISMATCH)]}
                else:
                    row["person_id"] = holder[0]
        pairs = {(row["session"].pk, row.get("person_id") or row["person"].pk) for index, row in enumerate(cleaned)
                 if index not in errors and (row.get("person_id") or row["person"].pk)}
        enrolled = set()
        person_ids = sorted({person_id for _session, person_id in pairs})
        for start in range(0, len(person_ids), 5000):
            enrolled.update(Enrolment.objects.filter(person_id__any=person_ids[start:start + 5000])
                            .exclude(status=EnrolmentStatus.CANCELLED).values_list("session_id", "person_id"))
        seen = {}
        for index, row in enumerate(cleaned):
            if index in errors:
                continue
            person = row["person"]
            if (row["session"].pk, row.get("person_id") or person.pk) in enrolled:
                errors[index] = {"document_number": [_("Document number: this person is already enrolled in "
                                                       "that session.")]}
                continue
            key = (row["session"].pk, person.document_type, person.document_number_hash)
            if key in seen:
                errors[index] = {"document_number": [
                    _("Document number: the same person appears on row %(row)s for that session.")
                    % {"row": row_numbers[seen[key]]}]}
            else:
                seen[key] = index
        return errors

    def write(self, cleaned):
        """New people with COPY, then each session's places in file order: a full session puts the rest on the
        waiting list, as `training.services.enrolment_book` does one by one."""
        new_people = {}
        for row in cleaned:
            person = row["person"]
            if person.pk is None and not row.get("person_id"):
                new_people.setdefault((person.document_type, person.document_number_hash), person)
        copy_insert(Person, list(new_people.values()), assign_pk=True)
        enrolments, held = self._book(cleaned, lambda row: row.get("person_id") or row["person"].pk or new_people[
            (row["person"].document_type, row["person"].document_number_hash)].pk)
        copy_insert(Enrolment, enrolments)
        return held

    def streamed(self, row):
        return row["person"]

    def streamed_after(self, rows):
        # Every person of a streamed file is new, with its drawn key. The chunks before hold their sessions: this
        # one's are locked without waiting (Importer.streamed_after).
        return Enrolment, self._book(rows, lambda row: row["person"].pk, streamed=True)[0]

    def _book(self, cleaned, person_id_of, streamed=False):
        """(each session's new enrolments for these rows, in session then file order; how many people the sessions
        hold of them)."""
        by_session = {}
        for row in cleaned:
            by_session.setdefault(row["session"].pk, (row["session"], []))[1].append(
                (person_id_of(row), row["group_name"]))
        enrolments, held = [], 0
        booked = self.booked_so_far
        for pk, (session, bookings) in sorted(by_session.items()):
            plan = services.enrolments_plan_many(session=session, bookings=bookings, channel=EnrolmentChannel.IMPORT,
                                                 nowait=streamed, people_new=streamed,
                                                 booked=booked.get(pk) if streamed else None)
            if streamed:
                booked[pk] = plan.booked
            enrolments += plan.enrolments
            held += plan.held
        return enrolments, held
