"""The one spreadsheet writer: every CSV and Excel file the platform hands out goes through here.

- **Typed cells.** Amounts (``Decimal``), counts, hours and stars are numbers with
  a number format; dates and times are date cells in local time; so SUM and sorting
  work in Excel and WPS.
- **No formula injection.** A text value starting with ``= + - @``, a tab or a
  carriage return is prefixed with an apostrophe (OWASP's advice for CSV), and
  Excel cells are written as strings, never as formulas.
- **Readable.** A bold, frozen header row and column widths fitted to the first rows.
- **Streamed.** CSV is streamed row by row; Excel uses openpyxl's write-only mode
  into a temporary file, so memory stays flat for 100,000 rows.
"""

import csv
import io
import itertools
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext as _

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DANGEROUS_LEADS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
INTEGER_FORMAT = "0"
NUMBER_FORMAT = "0.##"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
SAMPLE_ROWS = 200  # rows read ahead to fit the column widths
MAX_WIDTH = 60


def neutralise(text: str) -> str:
    """Text a spreadsheet will never run as a formula: a leading = + - @ tab or CR gets an apostrophe."""
    if text and text.startswith(DANGEROUS_LEADS):
        return "'" + text
    return text


def cell_value(value):
    """The value as a spreadsheet cell holds it: numbers and dates keep their type, the rest is safe text."""
    if value is None:
        return None
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, (date, int, float, Decimal)):
        return value
    return neutralise(force_str(value) if isinstance(value, Promise) else str(value))


def _number_format(value):
    if isinstance(value, datetime):
        return DATETIME_FORMAT
    if isinstance(value, date):
        return DATE_FORMAT
    if isinstance(value, Decimal):
        return MONEY_FORMAT if value == value.quantize(Decimal("0.01")) else NUMBER_FORMAT
    if isinstance(value, int):
        return INTEGER_FORMAT
    if isinstance(value, float):
        return NUMBER_FORMAT
    return None


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _display_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, Decimal):
        return len(f"{value:,.2f}")
    text = str(value)
    # A CJK character takes two columns.
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


class _Echo:
    def write(self, value):
        return value


def csv_stream(header: Sequence, rows: Iterable[Sequence]):
    """CSV lines, with a BOM so Excel opens UTF-8 Chinese text correctly."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow([_csv_text(cell_value(label)) for label in header])
    for row in rows:
        yield writer.writerow([_csv_text(cell_value(value)) for value in row])


def _write_sheet(workbook, title: str, header: Sequence, rows: Iterable[Sequence], heading=None):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=_sheet_title(title))
    rows = iter(rows)
    sample = [[cell_value(v) for v in row] for row in itertools.islice(rows, SAMPLE_ROWS)]
    header = [cell_value(label) for label in header]
    widths = [_display_width(label) for label in header]
    for row in sample:
        for index, value in enumerate(row):
            if index >= len(widths):
                widths.append(0)
            widths[index] = max(widths[index], _display_width(value))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, max(8, width + 2))
    header_row = 2 if heading else 1
    sheet.freeze_panes = f"A{header_row + 1}"
    bold = Font(bold=True)
    if heading:
        cell = WriteOnlyCell(sheet, value=cell_value(heading))
        cell.font = Font(bold=True, size=14)
        sheet.append([cell])
    header_cells = []
    for label in header:
        cell = WriteOnlyCell(sheet, value=label)
        cell.data_type = "s"
        cell.font = bold
        cell.alignment = Alignment(vertical="center")
        header_cells.append(cell)
    sheet.append(header_cells)

    def typed(row):
        cells = []
        for value in row:
            if value is None or (type(value) is str and value[:1] != "=" and value not in ERROR_CODES):
                # Plain text openpyxl writes as a string itself (neither a formula nor an error code): no cell
                # object of its own, which is most of the time of a 100,000-row export.
                cells.append(value)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            number_format = _number_format(value)
            if number_format:
                cell.number_format = number_format
            elif isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            cells.append(cell)
        return cells

    for row in sample:
        sheet.append(typed(row))
    for row in rows:
        sheet.append(typed([cell_value(v) for v in row]))
    return sheet


def _sheet_title(title) -> str:
    text = force_str(title) or "Sheet"
    for char in "[]:*?/\\":
        text = text.replace(char, " ")
    return text[:31]


class Sheet:
    """One worksheet of a workbook: a title, a header row and the rows (any iterable, read once)."""

    def __init__(self, title, header: Sequence, rows: Iterable[Sequence], heading=None):
        self.title, self.header, self.rows, self.heading = title, header, rows, heading


def write_xlsx(sheets: Sequence[Sheet], target) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook, sheet.title, sheet.header, sheet.rows, sheet.heading)
    workbook.save(target)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(sheets, buffer)
    return buffer.getvalue()


def _content_disposition(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def xlsx_response(filename: str, sheets: Sequence[Sheet]):
    """An Excel download written in write-only mode to a temporary file and streamed from it."""
    spool = tempfile.TemporaryFile()
    write_xlsx(sheets, spool)
    spool.seek(0)
    response = FileResponse(spool, content_type=XLSX_TYPE)
    response["Content-Disposition"] = _content_disposition(filename)
    return response


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]):
    # The first row is read before the answer starts: a database that cannot be reached answers 503 (the error
    # handler), not a 200 cut off after its header line.
    rows = iter(rows)
    first = next(rows, None)
    if first is not None:
        rows = itertools.chain([first], rows)
    response = StreamingHttpResponse(csv_stream(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _content_disposition(filename)
    return response


def export_response(kind: str, *, filename: str, title, header: Sequence, rows: Iterable[Sequence]):
    """`kind` is "csv" or "xlsx"; `filename` without its extension."""
    if kind == "csv":
        return csv_response(f"{filename}.csv", header, rows)
    return xlsx_response(f"{filename}.xlsx", [Sheet(title, header, rows)])
