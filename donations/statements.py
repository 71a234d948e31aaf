"""Reading bank statements as Chinese banks export them (CSV or Excel), and finding reference codes in memos.

Banks put a few title lines (account, holder, period) above the header, name
their columns differently (交易日期 / 记账日期, 贷方发生额 / 收入金额, 摘要 /
附言 / 用途 …) and list debits beside credits. The reader finds the header row
by its column names, keeps only credits, and reports what it cannot read.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from redcross.imports import FileProblem, read_rows

# Eight characters without look-alikes (no 0/O, 1/I/L, no U/V pair confusion in handwriting).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 8
CODE_PATTERN = re.compile(rf"(?<![A-Z0-9])[{CODE_ALPHABET}]{{{CODE_LENGTH}}}(?![A-Z0-9])")

COLUMNS = {
    "date": ("交易日期", "记账日期", "入账日期", "日期", "交易时间", "date", "booking date", "value date"),
    "credit": ("贷方发生额", "贷方金额", "收入金额", "收入", "转入金额", "存入金额", "贷方", "credit", "amount"),
    "debit": ("借方发生额", "借方金额", "支出金额", "支出", "借方", "debit"),
    "payer_name": ("对方户名", "对方名称", "付款人名称", "付款人", "对方账户名称", "payer", "counterparty"),
    "payer_account": ("对方账号", "付款人账号", "对方账户", "payer account"),
    "memo": ("附言", "用途", "摘要", "备注", "交易附言", "memo", "remark", "reference"),
    "serial": ("交易流水号", "流水号", "凭证号", "交易序号", "柜员流水号", "serial", "transaction id"),
}
MAX_LINES = 20000


def new_reference_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a donor types: spaces and dashes dropped, upper case."""
    return re.sub(r"[\s\-_]", "", (text or "")).upper()


def codes_in(text: str) -> list[str]:
    return CODE_PATTERN.findall((text or "").upper())


@dataclass
class Line:
    row_number: int
    booked_on: date
    amount: Decimal
    payer_name: str
    payer_account: str
    memo: str
    serial: str


def _header_index(row):
    found = {}
    for index, cell in enumerate(row):
        name = re.sub(r"[\s()（）]", "", str(cell or "")).lower()
        for key, names in COLUMNS.items():
            if key in found:
                continue
            if any(name == n.replace(" ", "") or (len(n) > 1 and name.startswith(n.replace(" ", ""))) for n in names):
                found[key] = index
                break
    return found if "date" in found and "credit" in found else None


def _parse_date(text: str):
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S",
                "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _parse_amount(text: str):
    cleaned = (text or "").replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").strip()
    if cleaned in ("", "-", "--", "0", "0.00"):
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    return amount.quantize(Decimal("0.01")) if amount.is_finite() and amount > 0 else None


def _rows(content: bytes, file_name: str):
    if file_name.lower().endswith(".xls"):
        import io

        from python_calamine import CalamineWorkbook

        try:
            sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
        except Exception:
            raise FileProblem(_("The file is not a readable Excel workbook.")) from None
        for row in sheet.iter_rows():
            yield [str(v).strip() if v is not None else "" for v in row]
        return
    yield from read_rows(content, file_name)


def read_statement(content: bytes, file_name: str) -> tuple[list[Line], list[str]]:
    """The credit lines of the statement and the problems met; FileProblem when no header is found."""
    header = None
    lines, problems = [], []
    for number, row in enumerate(_rows(content, file_name), start=1):
        if header is None:
            header = _header_index(row)
            continue
        if not any(cell.strip() for cell in row):
            continue

        def cell(key, row=row, header=header):
            index = header.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        amount = _parse_amount(cell("credit"))
        if amount is None:
            continue  # a debit, a zero line or a total
        booked_on = _parse_date(cell("date"))
        if booked_on is None:
            if "合计" in "".join(row) or "total" in "".join(row).lower():
                continue
            problems.append(_("Row %(row)s: the date is not readable.") % {"row": number})
            continue
        account = re.sub(r"\D", "", cell("payer_account"))
        serial = cell("serial")[:64]
        if not serial:  # no serial column: the same credit read twice gets the same fingerprint
            fingerprint = f"{booked_on}|{amount}|{account}|{cell('payer_name')}|{cell('memo')}"
            serial = "H-" + hashlib.sha256(fingerprint.encode()).hexdigest()[:30]
        lines.append(Line(row_number=number, booked_on=booked_on, amount=amount, payer_name=cell("payer_name")[:200],
                          payer_account=f"****{account[-4:]}" if account else "", memo=cell("memo")[:255],
                          serial=serial))
        if len(lines) > MAX_LINES:
            raise FileProblem(_("The statement has more than %(n)s credit lines; split it by month.")
                              % {"n": MAX_LINES})
    if header is None:
        raise FileProblem(_("No header row with a date and a credit amount column was found."))
    return lines, problems
