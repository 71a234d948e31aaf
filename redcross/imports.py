"""Bulk imports from Excel or CSV, shared by every app.

An app describes one import with an `Importer` subclass (its columns, how a
row is validated, how the good rows are written) and registers it. The
framework reads the file, validates every row in a Celery worker, reports each
bad row with its reason, shows progress, and writes nothing from a file with
errors unless the user chooses to import the good rows. Writing is one
transaction that also marks the job done, so a retried task never writes twice.
An importer with a `stream_model` writes its rows with COPY while it checks
them, in that same one transaction, undone if any row turns out bad. With
`stream_ids` the rows' keys are drawn first, so `streamed_after` can write what
points at them (volunteers at their new people) chunk by chunk; a row whose
check must query raises `StreamEnded` and the file is checked again the
ordinary way.
"""

import csv
import datetime
import gc
import io
import threading
from collections import deque
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass
from itertools import islice

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

MAX_ERRORS_KEPT = 5000
PROGRESS_EVERY = 1000


def _limits():
    from django.conf import settings

    return (getattr(settings, "IMPORT_MAX_ROWS", 200_000),
            getattr(settings, "IMPORT_MAX_UNCOMPRESSED_BYTES", 300 * 1024 * 1024))


def check_workbook_size(content: bytes, file_name: str) -> None:
    """Refuse an .xlsx that inflates beyond the limit (a zip bomb) before anything unpacks it."""
    import zipfile

    if not file_name.lower().endswith(".xlsx"):
        return
    _rows, max_bytes = _limits()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileProblem(_("The file is not a readable Excel (.xlsx) workbook.")) from None
    if inflated > max_bytes:
        raise FileProblem(_("The workbook unpacks to %(size)d MB, more than the %(limit)d MB an import may have; "
                            "split it into smaller files.") % {"size": inflated // 2**20, "limit": max_bytes // 2**20})


def mask_text(text: str) -> str:
    """An error message as kept after the job: ID numbers and mobiles in it masked (the upload itself is gone)."""
    import re

    # The same shapes as `people.identifiers.mask_document`/`mask_mobile` (plumbing does not import people).
    text = re.sub(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)", r"\1********\2", str(text))
    return re.sub(r"(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)", r"\1****\2", text)


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # lazily translated; headers match it in Chinese or English, or the key
    required: bool = False
    example: str = ""


class FileProblem(Exception):
    """The file as a whole cannot be read (format, missing columns)."""


class Importer:
    key = ""
    label = ""
    permission = ""
    columns: list = []

    # A model whose unique constraints reject every row `check_batch` would (people.Person: one person per document),
    # and whose `validate_row` reads nothing from the database while `streaming` (or raises StreamEnded where it
    # would): the good rows go to COPY a chunk at a time while the next rows are checked, so PostgreSQL inserts them
    # on the other core (`_Pipeline`). Nothing is kept unless every row was good and COPY took them all; otherwise
    # the file goes the checked way.
    stream_model = None
    # With a stream_model: each row's primary key drawn from the table's sequence before it is sent, so that
    # `streamed_after` can point other rows at it (volunteers at their new person).
    stream_ids = False
    streaming = False  # True while rows go to COPY: validate_row may not query (it may raise StreamEnded)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Never inherited: a subclass's validate_row may read the database (training's enrolments look a bad row's
        # holder up), so each importer that streams says so itself.
        cls.stream_model = cls.__dict__.get("stream_model")

    def __init__(self, job):
        self.job = job
        self.user = job.created_by

    def prepare(self):
        """Load what row validation needs in bulk (look-up tables), once per run."""

    def validate_row(self, values: dict):
        """Return the cleaned object for a row, or raise ValidationError keyed by column key."""
        raise NotImplementedError

    def check_batch(self, cleaned: list, row_numbers: list) -> dict:
        """Errors that need all rows: duplicates within the file or against the database.

        `row_numbers[i]` is the file row of `cleaned[i]`. Returns
        {index in `cleaned`: {column key: [messages]}}.
        """
        return {}

    def write(self, cleaned: list) -> int:
        raise NotImplementedError

    def streamed(self, obj):
        """What of a cleaned row goes to the stream_model's COPY: the row itself unless an importer says."""
        return obj

    def streamed_after(self, rows: list):
        """What else goes to COPY for a chunk of streamed rows once their stream_model rows are in (with their keys):
        (model, unsaved instances), or None. It runs between two COPYs, so it may query, but it may not wait for a
        lock (`select_for_update(nowait=True)`): the stream holds the locks of the chunks before, and one taken out of
        order could deadlock with another transaction. A lock another transaction holds ends the stream, and the
        file goes the checked way, which takes its locks in order."""
        return None

    def write_streamed(self, cleaned: list) -> int:
        """After every row went to COPY and COPY took them all, in its transaction: the rest (none by default)."""
        return len(cleaned)


REGISTRY: dict = {}


def choice_lookup(choices) -> dict:
    """{value or its Chinese or English label: value}, so a file may say 银行转账, Bank transfer or bank_transfer."""
    from django.utils import translation

    lookup = {}
    for value, label in choices:
        lookup[value] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                lookup[str(label)] = value
    return lookup


def register(importer_class):
    from redcross.models import ImportJob

    REGISTRY[importer_class.key] = importer_class
    ImportJob.kind_labels[importer_class.key] = importer_class.label
    return importer_class


def _header_map(importer, header):
    names = {}
    for column in importer.columns:
        from django.utils import translation

        variants = {column.key.lower()}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                variants.add(force_str(column.label).strip().lower())
        names.update({variant: column.key for variant in variants})
    mapping = {}
    for index, cell in enumerate(header):
        key = names.get(str(cell or "").strip().lower().rstrip("*").strip())
        if key:
            mapping[index] = key
    missing = [force_str(c.label) for c in importer.columns if c.required and c.key not in mapping.values()]
    if missing:
        raise FileProblem(_("The file lacks these columns: %(columns)s.") % {"columns": "、".join(missing)})
    return mapping


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a cell: 13812345678, not 13812345678.0
    elif isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    return str(value).strip()


def read_rows(content: bytes, file_name: str):
    """Yield the rows of an .xlsx or .csv file as lists of strings, header first."""
    yield from open_rows(content, file_name)[1]


def open_rows(content: bytes, file_name: str):
    """(at most how many rows the file holds, header included; an iterator of its rows as lists of strings)."""
    lower = file_name.lower()
    if lower.endswith(".xlsx"):
        check_workbook_size(content, file_name)
        # calamine (Rust) reads a 100,000-row sheet about ten times faster than openpyxl.
        from python_calamine import CalamineWorkbook

        try:
            sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
            rows = sheet.iter_rows()
        except Exception:
            raise FileProblem(_("The file is not a readable Excel (.xlsx) workbook.")) from None
        return sheet.height, ([_cell_text(v) for v in row] for row in rows)
    if lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("gb18030")
            except UnicodeDecodeError:
                raise FileProblem(_("The CSV file is neither UTF-8 nor GB18030 text.")) from None
        # A quoted cell may hold line breaks: a row has at least one.
        return text.count("\n") + 1, ([cell.strip() for cell in row] for row in csv.reader(io.StringIO(text)))
    raise FileProblem(_("Upload an Excel (.xlsx) or CSV (.csv) file."))


def progress_key(job_id):
    return f"import-progress:{job_id}"


def set_progress(job, phase, done, total):
    cache.set(progress_key(job.pk), {"phase": phase, "done": done, "total": total}, 3600)


def get_progress(job):
    return cache.get(progress_key(job.pk)) or {"phase": job.status, "done": 0, "total": job.total_rows}


@contextmanager
def full_collections_paused():
    """CPython's cyclic collector held back from full collections while an import runs.

    Every validated row stays in memory until the file has been checked to the end: 100,000 model instances,
    a few million objects, which each full collection would walk again as they pile up (a fifth of a
    volunteers import's time). The rows hold no reference cycles: reference counting frees them. Callers
    run `gc.collect(1)` now and then, which frees short-lived cycles (a bad row's exception) without walking
    the kept rows; one full collection runs at the end.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


class Checked:
    """What `_validate` found: the good rows, their file row numbers, the error entries, the rows read."""

    def __init__(self):
        self.cleaned, self.numbers, self.errors, self.total = [], [], [], 0
        self.complete = False  # every row of the file was read


def _validate(job, importer, found=None, stream=None):
    """Validate every row into `found` (a Checked); `stream(bound)`, a context giving a sink (`_Pipeline`), gets
    each good row until the first bad one (`bound`: at most how many rows there are).

    The stream opens after `importer.prepare()`, whose look-ups cannot run while a COPY holds the connection.
    """
    found = found if found is not None else Checked()
    max_rows, _bytes = _limits()
    bound, rows = open_rows(bytes(job.content), job.file_name)
    header = next(rows, None)
    if header is None:
        raise FileProblem(_("The file is empty."))
    mapping = _header_map(importer, header)
    labels = _labels(importer)
    importer.prepare()
    with stream(min(bound, max_rows + 1)) if stream is not None else nullcontext() as sink:
        for number, row in enumerate(rows, start=2):
            if not any(row):
                continue
            found.total += 1
            if found.total > max_rows:
                raise FileProblem(_("The file has more than %(limit)d rows; split it into smaller files.")
                                  % {"limit": max_rows})
            values = {key: (row[index] if index < len(row) else "") for index, key in mapping.items()}
            try:
                obj = importer.validate_row(values)
            except ValidationError as exc:
                for key, messages in exc.message_dict.items():
                    for message in messages:
                        found.errors.append({"row": number, "column": labels.get(key, key),
                                             "message": mask_text(message)})
                if sink is not None:
                    sink.stop()  # the COPY will be undone: send no more
            else:
                found.cleaned.append(obj)
                found.numbers.append(number)
                if sink is not None:
                    sink.send(obj)
            if found.total % PROGRESS_EVERY == 0:
                set_progress(job, "validating", found.total, 0)
                gc.collect(1)
        found.complete = True
    return found


def _labels(importer):
    return {c.key: force_str(c.label) for c in importer.columns}


def _check_batch(importer, cleaned, cleaned_rows, errors):
    """The errors that need every row (`Importer.check_batch`) added: (the rows left, every error by row)."""
    batch_errors = importer.check_batch(cleaned, cleaned_rows)
    if batch_errors:
        labels = _labels(importer)
        for index, field_errors in batch_errors.items():
            for key, messages in field_errors.items():
                for message in messages:
                    errors.append({"row": cleaned_rows[index], "column": labels.get(key, key),
                                   "message": mask_text(message)})
        cleaned = [obj for index, obj in enumerate(cleaned) if index not in batch_errors]
    errors.sort(key=lambda e: e["row"])
    return cleaned, errors


class _NotWritten(Exception):
    """A streamed file that cannot be kept as it was sent: rolled back, then checked as any other."""


class StreamEnded(_NotWritten):
    """Raised by a `validate_row` that needs the database for a row while rows stream (`Importer.streaming`):
    what was sent is undone and the file is checked again the ordinary way, where the row may query."""


def _validate_streamed(job, importer):
    """Validate and write in one pass (`Importer.stream_model`): None when done, else, with nothing written, what
    was found (a Checked) for the checked path: a file with bad rows, or one whose rows COPY refused.

    The job's row is locked for the whole pass. One transaction holds the COPY and the job's DONE status, so a
    worker killed half-way leaves neither, and a retried task finds the job done or starts again.
    """
    import psycopg

    from redcross.models import ImportJob

    found = Checked()
    try:
        with transaction.atomic():
            locked = ImportJob.objects.select_for_update().get(pk=job.pk)
            if locked.status == ImportJob.Status.DONE:
                return None
            _validate(job, importer, found, stream=lambda bound: _stream(importer, bound))
            if found.errors:
                raise _NotWritten
            written = importer.write_streamed(found.cleaned)
            _finish(locked, written, total_rows=found.total, good_rows=len(found.cleaned), bad_rows=0, errors=[])
    except _NotWritten:
        return _unsent(importer, found) if found.complete else _validate(job, importer)
    except (psycopg.Error, DatabaseError):
        # COPY refused a row: a duplicate within the file or of a record already registered, which check_batch
        # names. PostgreSQL reports it when a chunk's COPY ends (seen with 3,000 rows: tests/people); should an
        # error come before the last row was read, the file is read again. A lock `streamed_after` could not take
        # at once, or any other failure of the database, meets the checked path's own queries.
        return _unsent(importer, found) if found.complete else _validate(job, importer)
    set_progress(job, "done", len(found.cleaned), len(found.cleaned))
    return None


def _unsent(importer, found):
    """The rows of a stream that was undone, as the checked path expects them: unsaved, without drawn keys."""
    if importer.stream_ids:
        for obj in found.cleaned:
            importer.streamed(obj).pk = None
    return found


@contextmanager
def _stream(importer, bound):
    """The `_Pipeline` of a streamed import: every row sent is written when the block ends without an error."""
    pipeline = _Pipeline(importer, bound)
    importer.streaming = True
    try:
        with _only_the_pipeline_queries(pipeline):
            yield pipeline
            pipeline.finish()
    except BaseException as exc:
        pipeline.abort(exc)
        raise
    finally:
        importer.streaming = False


@contextmanager
def _only_the_pipeline_queries(pipeline):
    """While rows stream, only the pipeline queries: a validate_row that reads the database fails at once, saying
    why, even for a file too small to have a COPY open yet (it would wait for ever on an open one)."""
    from django.db import connection

    def guard(execute, sql, params, many, context):
        if not pipeline.querying:
            return _no_query_during_copy(execute, sql, params, many, context)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(guard):
        yield


class _Pipeline:
    """The good rows of a streamed import, written a chunk at a time while the next rows are checked.

    Each chunk goes to the importer's stream_model in one COPY, then what `streamed_after` makes of it (volunteers
    for new people) in another. A connection holds one COPY at a time, and the server does much of a COPY's work
    when it ends: the foreign-key checks (immediate: see copy_stream) and the history trigger (a statement
    trigger) run then. So each COPY is given half a chunk's time: its rows go a few after each row checked, in the
    first half of it, then a thread ends the COPY and waits for the server while this one checks on. PostgreSQL
    writes one chunk on the other core while Python checks the next; the tail left to wait for at the end is one
    chunk, not the file.
    """

    # A chunk is at least this many rows: each COPY has its own statement's work and the turn's queries, and
    # 20,000 enrolments in chunks of 1,000 took 2.48-2.55 s against 2.20 s in chunks of 2,500 (volunteers 2.61
    # against 2.42-2.49 s, people 1.84-1.98 against 1.79-1.83 s).
    min_chunk_rows = 2500

    def __init__(self, importer, bound):
        self.importer = importer
        # Twenty chunks of a large file; a small one is one chunk, written when it ends.
        self.chunk_rows = max(self.min_chunk_rows, min(10_000, bound // 20))
        self.keys = iter(draw_ids(importer.stream_model, bound)) if importer.stream_ids else None
        self.chunk = []
        self.pending = deque()  # what is to go to COPY next, in order: callables giving (model, with_pk, rows)
        self.copy = None  # the ExitStack of the COPY open now
        self.write = None  # its send(row)
        self.outbox, self.per_row = iter(()), 0  # its rows not sent yet, and how many go after each row checked
        self.closing, self.closing_error = None, None  # the thread ending the last COPY, and how it failed
        self.since_turn = 0
        self.stopped = False
        self.querying = False

    def send(self, obj):
        if self.stopped:
            return
        self.chunk.append(obj)
        if self.copy is not None:
            sent = 0
            for row in islice(self.outbox, self.per_row):
                self.write(row)
                sent += 1
            if sent < self.per_row:  # every row sent: the server ends the statement while the next rows are checked
                self._end_copy(wait=False)
        if len(self.chunk) >= self.chunk_rows:
            self._queue_chunk()
        self.since_turn += 1
        if self.since_turn * 2 >= self.chunk_rows:
            self.since_turn = 0
            if self.pending:
                self._next_copy()

    def stop(self):
        """A bad row: nothing of the stream will be kept, so nothing more is sent."""
        self.stopped = True

    def finish(self):
        if self.stopped:  # a bad row: what was sent is undone with the transaction
            self.abort(_NotWritten())
            return
        if self.chunk:
            self._queue_chunk()
        while self.pending:
            self._next_copy()
        self._end_copy()

    def abort(self, exc):
        """An exception ends the stream: the COPY open is ended with it (the server undoes the statement)."""
        if self.closing is not None:
            self.closing.join()
            self.closing = None
        if self.copy is not None:
            copy, self.copy = self.copy, None
            try:
                copy.__exit__(type(exc), exc, exc.__traceback__)
            except Exception:  # the exception already on its way says what happened
                pass

    def _queue_chunk(self):
        importer, rows, self.chunk = self.importer, self.chunk, []
        streamed = [importer.streamed(obj) for obj in rows]
        if self.keys is not None:
            for row in streamed:
                row.pk = next(self.keys, None)
                if row.pk is None:  # more rows than the file said it holds: written the checked way
                    raise _NotWritten
        self.pending.append(lambda: (importer.stream_model, importer.stream_ids, streamed))
        self.pending.append(lambda: self._after(rows))

    def _after(self, rows):
        after = self.importer.streamed_after(rows)
        return None if after is None else (after[0], False, after[1])

    def _next_copy(self):
        """End the COPY open now, then open the next one that has rows and send them all."""
        self._end_copy()
        while self.pending:
            self.querying = True
            try:
                batch = self.pending.popleft()()
            finally:
                self.querying = False
            if batch and batch[2]:
                model, with_pk, rows = batch
                self.querying = True
                try:
                    self.copy = ExitStack()
                    self.write = self.copy.enter_context(copy_stream(model, with_pk=with_pk))
                finally:
                    self.querying = False
                # All sent within a quarter of a chunk of rows checked, the next quarter left for the server.
                self.outbox, self.per_row = iter(rows), -(-len(rows) * 4 // self.chunk_rows)
                return

    def _end_copy(self, wait=True):
        """End the COPY open, if any, and wait for it and for the one a thread was ending; with `wait` False, a
        thread ends the COPY open (no query may run until `_end_copy()` has waited for it)."""
        if self.copy is not None:
            for row in self.outbox:
                self.write(row)
            copy, self.copy = self.copy, None
            self.closing = threading.Thread(target=self._close, args=(copy,), name="import COPY end", daemon=True)
            self.closing.start()
        if wait and self.closing is not None:
            closing, self.closing = self.closing, None
            closing.join()
            error, self.closing_error = self.closing_error, None
            if error is not None:
                raise error

    def _close(self, copy):
        """In a thread: end a COPY (psycopg waits for the server with the GIL released). Of Django's connection,
        only the COPY's cursor is closed here and its execute wrapper taken off, while the importing thread runs no
        query: it waits for this thread first (`_end_copy`)."""
        try:
            copy.close()
        except BaseException as exc:  # noqa: BLE001 - raised again in the importing thread
            self.closing_error = exc


def _finish(locked, written, **figures):
    """Mark a locked job done, in the transaction of its writes, with `figures` (totals) set as well."""
    from redcross.models import ImportJob

    for name, value in figures.items():
        setattr(locked, name, value)
    locked.status = ImportJob.Status.DONE
    locked.imported_rows = written
    locked.finished_at = timezone.now()
    # The upload held clear ID numbers and mobiles: gone with the job's end; the masked error report stays.
    locked.content = b""
    locked.save(update_fields=[*figures, "status", "imported_rows", "finished_at", "content"])


def import_run(job_id) -> None:
    """Validate a job's file and, when clean or when the user chose so, write the good rows.

    Safe to run twice and after a worker died: the job row is locked while it
    runs, and the writes commit together with the DONE status.
    """
    with full_collections_paused():
        _run(job_id)


def _run(job_id):
    from redcross.models import ImportJob

    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.finished:
        return
    if job.status == ImportJob.Status.NEEDS_DECISION and not job.import_good_rows:
        return
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.VALIDATING)
    importer = REGISTRY[job.kind](job)
    try:
        # A file whose bad rows are known (the user chose to import the good ones) goes the checked way at once.
        if importer.stream_model is not None and not job.bad_rows:
            found = _validate_streamed(job, importer)
            if found is None:
                return
        else:
            found = _validate(job, importer)
    except FileProblem as exc:
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED, message=str(exc)[:500],
                                                   finished_at=timezone.now(), content=b"")
        return
    total = found.total
    cleaned, errors = _check_batch(importer, found.cleaned, found.numbers, found.errors)
    bad_rows = len({e["row"] for e in errors})
    ImportJob.objects.filter(pk=job_id).update(
        total_rows=total, good_rows=len(cleaned), bad_rows=bad_rows, errors=errors[:MAX_ERRORS_KEPT],
    )
    set_progress(job, "validated", total, total)
    if errors and not job.import_good_rows:
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.NEEDS_DECISION)
        return
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job_id)
        if locked.status == ImportJob.Status.DONE:
            return
        set_progress(job, "importing", 0, len(cleaned))
        written = importer.write(cleaned)
        _finish(locked, written)
    set_progress(job, "done", written, written)


def import_create(*, kind, user, region, file_name, content, import_good_rows=False):
    from redcross.models import ImportJob

    if kind not in REGISTRY:
        raise ValidationError({"kind": _("Unknown import.")})
    if not user.has_perm(REGISTRY[kind].permission):
        raise ValidationError({"file": _("Your role may not import these records.")})
    if not file_name.lower().endswith((".xlsx", ".csv")):
        raise ValidationError({"file": _("Upload an Excel (.xlsx) or CSV (.csv) file.")})
    try:
        check_workbook_size(content, file_name)
    except FileProblem as exc:
        raise ValidationError({"file": str(exc)}) from None
    job = ImportJob.objects.create(kind=kind, created_by=user, region=region, file_name=file_name[:255],
                                   content=content, import_good_rows=import_good_rows)
    _queue(job)
    return job


def import_decide(*, job, user, proceed: bool):
    """The user's decision on a file with bad rows: import the good rows, or cancel."""
    from redcross.models import ImportJob

    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportJob.Status.NEEDS_DECISION:
            raise ValidationError(_("This import is no longer waiting for a decision."))
        if proceed:
            job.import_good_rows = True
            job.status = ImportJob.Status.PENDING
            job.save(update_fields=["import_good_rows", "status"])
            _queue(job)
        else:
            job.status = ImportJob.Status.CANCELLED
            job.finished_at = timezone.now()
            job.content = b""
            job.save(update_fields=["status", "finished_at", "content"])
    return job


def imports_expire(now=None) -> int:
    """Files waiting for an "import the good rows" decision past IMPORT_DECISION_HOURS: the upload (clear ID
    numbers and mobiles) is deleted and the job ends as expired; its masked error report stays. Returns how many.

    One UPDATE: a decision taken at the same moment holds the row lock, and the row is re-checked after it.
    """
    from django.conf import settings

    from redcross.models import ImportJob

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.IMPORT_DECISION_HOURS)
    return ImportJob.objects.filter(status=ImportJob.Status.NEEDS_DECISION, created_at__lt=cutoff).update(
        status=ImportJob.Status.EXPIRED, content=b"", finished_at=now,
        message=_("No decision within %(hours)d hours: the file was deleted; upload it again to import it.")
        % {"hours": settings.IMPORT_DECISION_HOURS})


def _queue(job):
    from redcross.tasks import enqueue_on_commit, import_process

    enqueue_on_commit(import_process, job_id=job.pk)


def _copy_value(field):
    """How COPY gets a field's value: straight from the attribute where the database driver adapts it as is."""
    from django.db import connection, models

    plain = (models.CharField, models.TextField, models.BooleanField, models.IntegerField, models.DecimalField,
             models.DateField, models.ForeignKey)  # DateTimeField is a DateField
    auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    attname = field.attname
    if isinstance(field, plain) and not auto:
        return lambda obj: getattr(obj, attname)
    if auto and isinstance(field, models.DateTimeField):
        # What pre_save would put there, taken once for the whole COPY (one statement, one moment) and not
        # once per row and field; the instance gets it too, as from save().
        now = timezone.now()

        def stamped(obj):
            setattr(obj, attname, now)
            return now
        return stamped
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, add=True), connection)


def copy_insert(model, objects, assign_pk=False) -> int:
    """Insert unsaved model instances with PostgreSQL COPY: several times faster than INSERT for imports.

    Row triggers (history) fire as for INSERT. Values the driver cannot take as
    they are go through each field's own pre_save and database preparation, so
    auto_now and arrays behave as in save(); the primary key comes from its sequence.
    """
    if assign_pk and objects:
        for obj, pk in zip(objects, draw_ids(model, len(objects)), strict=True):
            obj.pk = pk
    with copy_stream(model, with_pk=assign_pk) as send:
        for obj in objects:
            send(obj)
    return len(objects)


def draw_ids(model, count) -> list:
    """`count` primary keys drawn from the table's own sequence, so callers know them without reading back (one
    left unused leaves a gap in the numbers, as a rolled-back INSERT does)."""
    from django.db import connection

    with connection.cursor() as cursor:
        # The sequence looked up once, not for each key: 100,000 keys took 0.26 s that way, and 0.04 s this one.
        cursor.execute("WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, %s)::regclass AS seq) "
                       "SELECT nextval(seq) FROM s, generate_series(1, %s)",
                       [model._meta.db_table, model._meta.pk.column, count])
        return [pk for (pk,) in cursor.fetchall()]


@contextmanager
def copy_stream(model, with_pk=False):
    """One COPY into `model`'s table, open for the block: `send(obj)` writes an unsaved instance as a row.

    Rows reach PostgreSQL as the driver's buffer fills, and the server inserts them while the caller goes on;
    a refused row (a unique index) raises when the block ends. No other query may run on the connection inside.

    The COPY runs with the foreign keys checked at its end rather than at the transaction's. A row trigger that
    queries (the scope column's `region_kept_by_trigger`) makes PostgreSQL go over every deferred check queued so
    far at each of its queries, so with the default deferred checks the COPY slowed with the square of its rows:
    100,000 gifts took 38 s, their plain COPY 223 s (bench/imports.py, city scale). The mode is set back
    afterwards; the schema has no constraint deferrable but initially immediate that this would change.
    """
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    readers = [_copy_value(f) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        raw.execute("SET CONSTRAINTS ALL IMMEDIATE")
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy, \
                connection.execute_wrapper(_no_query_during_copy):
            write_row = copy.write_row
            yield lambda obj: write_row([read(obj) for read in readers])
        raw.execute("SET CONSTRAINTS ALL DEFERRED")


def _no_query_during_copy(execute, sql, params, many, context):
    """A query sent while COPY holds the connection would wait for ever: fail at once, saying why."""
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"A query ran while COPY was streaming rows (an importer's stream_model with a "
                               f"validate_row that reads the database?): {sql[:200]}")


def template_workbook(importer_class) -> bytes:
    from redcross.exports import Sheet, xlsx_bytes

    header = [force_str(c.label) + (" *" if c.required else "") for c in importer_class.columns]
    return xlsx_bytes([Sheet(importer_class.label, header, [[c.example for c in importer_class.columns]])])
