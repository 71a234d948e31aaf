"""The certificate as a PDF: the holder's full name, an embedded Chinese font, a seal area and a QR code."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from redcross.documents import qr_image, register_font, seal_area


def certificate_pdf(certificate, *, verify_url: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A5, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = register_font()
    width, height = landscape(A5)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"{_('First-aid training certificate')} {certificate.number}")
    pdf.setAuthor(certificate.organization.name)
    red = colors.HexColor("#c8102e")
    pdf.setStrokeColor(red)
    pdf.setLineWidth(3)
    pdf.rect(8 * mm, 8 * mm, width - 16 * mm, height - 16 * mm)
    pdf.setFillColor(red)
    pdf.rect(width / 2 - 4 * mm, height - 30 * mm, 8 * mm, 16 * mm, stroke=0, fill=1)
    pdf.rect(width / 2 - 8 * mm, height - 26 * mm, 16 * mm, 8 * mm, stroke=0, fill=1)
    pdf.setFont(font, 22)
    pdf.drawCentredString(width / 2, height - 42 * mm, _("First-aid training certificate"))
    pdf.setFillColor(colors.black)
    pdf.setFont(font, 12)
    lines = [
        (_("Holder"), certificate.person.full_name),  # a credential carries its holder's full name
        (_("Document number"), certificate.person.document_number_masked),
        (_("Course"), certificate.course.name),
        (_("Certificate number"), certificate.number),
        (_("Issued on"), certificate.issued_on.isoformat()),
        (_("Valid until"), certificate.expires_on.isoformat()),
        (_("Issued by"), certificate.organization.name),
    ]
    y = height - 58 * mm
    for label, value in lines:
        pdf.drawString(22 * mm, y, f"{label}：{value}")
        y -= 8 * mm
    seal_area(pdf, x=width / 2 + 20 * mm, y=34 * mm, radius=17 * mm, issuer=certificate.organization.name)
    qr_size = 34 * mm
    pdf.drawImage(qr_image(verify_url), width - 22 * mm - qr_size, 22 * mm, qr_size, qr_size)
    pdf.setFont(font, 8)
    pdf.drawCentredString(width - 22 * mm - qr_size / 2, 17 * mm, _("Scan to verify"))
    pdf.drawString(22 * mm, 14 * mm, _("Printed %(when)s · verify at %(url)s")
                   % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M"), "url": verify_url})
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
