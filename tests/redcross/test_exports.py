"""Every spreadsheet the platform hands out: typed cells finance can add up, and no live formula from user text."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from donations import services
from redcross.exports import Sheet, neutralise, xlsx_bytes
from tests.donations import samples

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/","领取回执")'


def _workbook(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(content))


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.mark.parametrize("text", ["=1+1", "+86", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


def test_ordinary_text_is_left_alone():
    assert neutralise("锦江区红十字会") == "锦江区红十字会"


def test_plain_text_error_codes_and_formulas_stay_text_in_a_long_export():
    rows = [["张三", "#N/A", EVIL, "#DIV/0!", None] for _n in range(500)]  # past the rows sampled for widths
    sheet = load_workbook(io.BytesIO(xlsx_bytes([Sheet("测试", ["甲", "乙", "丙", "丁", "戊"], rows)]))).active
    for row in sheet.iter_rows(min_row=2):
        plain, error_like, formula_like, division, empty = row
        assert (plain.data_type, plain.value) == ("s", "张三")
        assert (error_like.data_type, error_like.value) == ("s", "#N/A")
        assert (formula_like.data_type, formula_like.value) == ("s", "'" + EVIL)
        assert (division.data_type, division.value) == ("s", "#DIV/0!")
        assert empty.value is None
    assert sheet.max_row == 501


def test_a_workbook_keeps_numbers_dates_and_formula_like_text_as_they_are():
    content = xlsx_bytes([Sheet("测试", ["名称", "金额", "日期", "时间", "小时"],
                                [[EVIL, Decimal("1234.50"), date(2025, 3, 1), datetime(2025, 3, 1, 8, 30), 12]])])
    sheet = load_workbook(io.BytesIO(content)).active
    name, amount, day, moment, hours = sheet[2]
    assert name.data_type == "s" and name.value == "'" + EVIL
    assert amount.data_type == "n" and amount.value == 1234.5 and amount.number_format == "#,##0.00"
    assert day.is_date and day.value.date() == date(2025, 3, 1)
    assert moment.is_date and moment.value == datetime(2025, 3, 1, 8, 30)
    assert hours.data_type == "n" and hours.value == 12
    assert sheet.freeze_panes == "A2"
    assert sheet[1][0].font.bold
    assert sheet.column_dimensions["A"].width > 20  # fitted to the long text


def test_a_workbook_of_several_sheets_keeps_its_heading_titles_and_every_character_xml_can_hold():
    """Two sheets named alike, a heading above the header, text with control characters pasted from elsewhere
    (dropped: XML cannot hold them), markup-like text, and columns past Z."""
    wide = [f"列{n}" for n in range(30)]
    content = xlsx_bytes([
        Sheet("捐赠/明细", ["名称", "备注"], [["<b>张三 & 李四</b>", "一\x00二\x07三\t四\n五"]],
              heading="2025年捐赠公示"),
        Sheet("捐赠/明细", wide, [list(range(30))]),
    ])
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["捐赠 明细", "捐赠 明细 2"]
    first, second = book.worksheets
    assert first["A1"].value == "2025年捐赠公示" and first["A1"].font.bold and first["A1"].font.size == 14
    assert [cell.value for cell in first[2]] == ["名称", "备注"] and first["A2"].font.bold
    assert first.freeze_panes == "A3"
    assert [cell.value for cell in first[3]] == ["<b>张三 & 李四</b>", "一二三\t四\n五"]
    assert second["AD2"].value == 29 and second["AD1"].value == "列29"


def test_the_donation_export_has_numeric_amounts_finance_can_add_up(personas, client):
    fund = samples.fund(personas)
    for amount in ("100.00", "1234.56", "0.44"):
        samples.gift(personas, fund, amount=amount)
    client.force_login(personas["finance"])
    response = client.get("/portal/donations/", {"export": "xlsx"})
    sheet = _workbook(response).active
    header = [c.value for c in sheet[1]]
    column = next(i for i, label in enumerate(header) if "金额" in str(label))
    amounts = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "n" for cell in amounts)
    assert sum(Decimal(str(cell.value)) for cell in amounts) == Decimal("1335.00")
    assert sheet.freeze_panes == "A2"


def test_an_anonymous_pledge_named_like_a_formula_is_inert_in_the_public_ledger(personas, client):
    # A name like this is refused at the door now; a fund name shows the writer's own guard.
    fund = samples.fund(personas, name=EVIL)
    samples.gift(personas, fund, amount="10.00", giver=samples.donor(personas))
    rows = _csv_rows(client.get("/transparency/ledger.csv"))
    funds = [row[2] for row in rows[1:]]
    assert "'" + EVIL in funds and EVIL not in funds
    portal = client
    portal.force_login(personas["finance"])
    sheet = _workbook(portal.get("/portal/donations/", {"export": "xlsx"})).active
    texts = [cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    assert any(cell.value.startswith("'=") for cell in texts)
    assert not any(cell.value.startswith("=") or cell.data_type == "f" for cell in texts)


def test_the_disclosure_spreadsheet_has_numbers_and_dates(personas, client):
    from donations.models import Disclosure

    fund = samples.fund(personas)
    samples.gift(personas, fund, amount="500.00")
    disclosure = services.disclosure_publish(kind="quarterly", fund=fund,
                                             period_start=date(2025, 1, 1), period_end=date.today(),
                                             due_on=date.today())
    assert Disclosure.objects.filter(pk=disclosure.pk).exists()
    response = client.get(f"/transparency/disclosures/{disclosure.pk}/xlsx/")
    workbook = _workbook(response)
    summary = workbook.worksheets[0]
    values = {row[0].value: row[1] for row in summary.iter_rows(min_row=3)}
    income = next(cell for label, cell in values.items() if "收入" in str(label))
    assert income.data_type == "n" and Decimal(str(income.value)) == Decimal("500.00")
    assert summary.freeze_panes == "A3"
