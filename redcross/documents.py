"""Small PDF documents (receipts, certificates, reports): a title, label/value rows, an optional QR code.

Uses reportlab's built-in CID font STSong-Light, so Chinese prints without
shipping a font file.
"""

import io

FONT = "STSong-Light"


def register_font() -> str:
    """Register the CID font once; returns its name for `setFont`."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def wrap_text(text, width, size):
    """Split text into lines no wider than `width` points (character by character: CJK has no spaces)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for char in str(text):
        if char == "\n" or stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = "" if char == "\n" else char
        else:
            line += char
    lines.append(line)
    return lines


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
                    footer: str = "", table=None) -> bytes:
    """An A4 PDF: title, optional subtitle, label/value rows, an optional table and a QR code; returns bytes.

    `rows` is [(label, value)]; `table` is an optional (header, [row, ...]) printed after them.
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
    if table:
        header, body = table
        columns = len(header)
        col_width = (right - left) / columns
        y -= 4 * mm
        for index, row in enumerate([header, *body]):
            if y < 25 * mm:
                new_page()
            pdf.setFont(FONT, 10 if index else 10.5)
            pdf.setFillColor(HexColor("#1f2933" if index else "#c8102e"))
            for col, cell in enumerate(row):
                text = wrap_text(cell, col_width - 2 * mm, 10)[0]
                pdf.drawString(left + col * col_width, y, text)
            y -= 6 * mm
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
