"""Small PDF documents (receipts, certificates, reports): a title, label/value rows, an optional QR code.

Text is set in WenQuanYi Micro Hei (`redcross/fonts/`, Apache 2.0), embedded as a
subset in every PDF, so documents look the same in every viewer and show no
missing-glyph boxes.
"""

import io
from pathlib import Path

FONT = "WenQuanYiMicroHei"
FONT_FILE = Path(__file__).resolve().parent / "fonts" / "wqy-microhei.ttc"
# Chinese line breaking (GB/T 15834 practice): these never start a line …
NO_LINE_START = set("，。、；：？！）》」』】〕〉’”%‰°·…—～,.;:?!)]}")
# … and these never end one.
NO_LINE_END = set("（《「『【〔〈‘“([{¥￥#")


def register_font() -> str:
    """Register the embedded TrueType font once; returns its name for `setFont`."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    return FONT


def wrap_text(text, width, size):
    """Split text into lines no wider than `width` points, breaking between characters as Chinese does.

    A closing mark never starts a line (it hangs at the end of the line before)
    and an opening mark never ends one (it moves down with the next character);
    Latin words and numbers are kept whole when they fit on a line.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_font()
    lines, line = [], ""
    for char in str(text):
        if char == "\n":
            lines.append(line)
            line = ""
            continue
        if stringWidth(line + char, FONT, size) <= width or not line:
            line += char
            continue
        if char in NO_LINE_START:
            line += char  # hangs in the margin rather than starting the next line
            continue
        carry = ""
        while line and line[-1] in NO_LINE_END:
            carry, line = line[-1] + carry, line[:-1]
        if not carry and char.isascii() and char.isalnum():
            # keep a Latin word or a number together when it fits on one line
            index = len(line)
            while index and line[index - 1].isascii() and line[index - 1].isalnum():
                index -= 1
            if 0 < index < len(line):
                carry, line = line[index:], line[:index]
        lines.append(line)
        line = carry + char
    lines.append(line)
    return lines


def seal_area(pdf, *, x, y, radius, issuer: str = ""):
    """Where the issuing organisation stamps its seal: a dashed red circle, the issuer's name and 盖章."""
    from django.utils.translation import gettext as _
    from reportlab.lib.colors import HexColor

    register_font()
    pdf.saveState()
    pdf.setStrokeColor(HexColor("#e8a0a8"))
    pdf.setDash(3, 3)
    pdf.setLineWidth(1)
    pdf.circle(x, y, radius)
    pdf.setFillColor(HexColor("#b0626c"))
    if issuer:
        pdf.setFont(FONT, 8)
        pdf.drawCentredString(x, y + 2, wrap_text(issuer, radius * 1.8, 8)[0])
    pdf.setFont(FONT, 9)
    pdf.drawCentredString(x, y - 10, _("(seal)"))
    pdf.restoreState()


def qr_png(url: str, box_size: int = 6, border: int = 2) -> bytes:
    """A QR code of `url` as PNG bytes (pages show it; PDFs draw it through `qr_image`)."""
    import qrcode

    buffer = io.BytesIO()
    qrcode.make(url, box_size=box_size, border=border).save(buffer, format="PNG")
    return buffer.getvalue()


def qr_image(url: str, box_size: int = 6, border: int = 1):
    """The QR code of `url` ready for `canvas.drawImage`."""
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(qr_png(url, box_size=box_size, border=border)))


def titled_document(*, title: str, rows, subtitle: str = "", qr_url: str = "", qr_caption: str = "",
                    footer: str = "", table=None, tables=()) -> bytes:
    """An A4 PDF: title, optional subtitle, label/value rows, an optional table and a QR code; returns bytes.

    `rows` is [(label, value)]; `table` is an optional (header, [row, ...]) printed after them;
    `tables` more of them, each as (heading, header, [row, ...]). Long cells wrap within their column.
    """
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(str(title))
    width, height = A4
    left, right = 22 * mm, width - 22 * mm
    y = height - 30 * mm

    def new_page():
        nonlocal y
        pdf.showPage()
        y = height - 25 * mm

    pdf.setFillColor(HexColor("#c8102e"))
    pdf.rect(0, height - 12 * mm, width, 12 * mm, stroke=0, fill=1)
    pdf.setFillColor(HexColor("#1f2933"))
    pdf.setFont(FONT, 20)
    pdf.drawCentredString(width / 2, y, str(title))
    y -= 9 * mm
    if subtitle:
        pdf.setFont(FONT, 11)
        pdf.drawCentredString(width / 2, y, str(subtitle))
        y -= 8 * mm
    pdf.setStrokeColor(HexColor("#c8102e"))
    pdf.line(left, y, right, y)
    y -= 9 * mm
    label_width = 42 * mm
    for label, value in rows:
        lines = wrap_text(value if value not in (None, "") else "—", right - left - label_width, 12)
        if y - 7 * mm * len(lines) < 25 * mm:
            new_page()
        pdf.setFont(FONT, 11)
        pdf.setFillColor(HexColor("#52606d"))
        pdf.drawString(left, y, str(label))
        pdf.setFillColor(HexColor("#1f2933"))
        pdf.setFont(FONT, 12)
        for line in lines:
            pdf.drawString(left + label_width, y, line)
            y -= 7 * mm
        y -= 1.5 * mm
    all_tables = ([("", *table)] if table else []) + list(tables)
    for heading, header, body in all_tables:
        columns = len(header)
        col_width = (right - left) / columns
        y -= 4 * mm
        if heading:
            if y < 35 * mm:
                new_page()
            pdf.setFont(FONT, 13)
            pdf.setFillColor(HexColor("#1f2933"))
            pdf.drawString(left, y, str(heading))
            y -= 8 * mm
        if not body:
            body = [["—"] * columns]
        for index, row in enumerate([header, *body]):
            cells = [wrap_text(cell if cell not in (None, "") else "—", col_width - 2 * mm, 10) for cell in row]
            height_needed = 5.5 * mm * max(len(lines) for lines in cells)
            if y - height_needed < 25 * mm:
                new_page()
            pdf.setFont(FONT, 10 if index else 10.5)
            pdf.setFillColor(HexColor("#1f2933" if index else "#c8102e"))
            for col, lines in enumerate(cells):
                for offset, text in enumerate(lines):
                    pdf.drawString(left + col * col_width, y - offset * 5.5 * mm, text)
            y -= height_needed + 1 * mm
    if qr_url:
        size = 32 * mm
        if y - size < 25 * mm:
            new_page()
        qr_y = max(25 * mm, y - size - 4 * mm)
        pdf.drawImage(qr_image(qr_url, box_size=4), right - size, qr_y, size, size)
        if qr_caption:
            pdf.setFont(FONT, 9)
            pdf.setFillColor(HexColor("#52606d"))
            pdf.drawRightString(right - size - 3 * mm, qr_y + size / 2, str(qr_caption))
    if footer:
        pdf.setFont(FONT, 9)
        pdf.setFillColor(HexColor("#52606d"))
        pdf.drawString(left, 15 * mm, str(footer))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
