"""The volunteer service certificate as a PDF: an embedded Chinese font, a seal area, a QR code to verify it."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from redcross.documents import qr_image, register_font, seal_area, wrap_text

RED = HexColor("#c8102e")


def certificate_pdf(certificate, verify_url: str) -> bytes:
    """One A4 page with the fields DOMAIN.md lists; the document number is masked."""
    font = register_font()
    volunteer = certificate.volunteer
    person = volunteer.person
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{_('Volunteer service certificate')} {certificate.number}")
    width, height = A4
    pdf.setStrokeColor(RED)
    pdf.setLineWidth(2)
    pdf.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    pdf.setFillColor(RED)
    pdf.setFont(font, 24)
    pdf.drawCentredString(width / 2, height - 45 * mm, _("Volunteer service certificate"))
    pdf.setFillColor(HexColor("#222222"))
    pdf.setFont(font, 10)
    pdf.drawRightString(width - 25 * mm, height - 55 * mm, f"{_('Certificate number')}: {certificate.number}")
    body = _("This is to certify that %(name)s (%(doc_type)s %(doc)s, volunteer number %(number)s) served as a "
             "volunteer of %(org)s and has %(hours)s confirmed hours of service.") % {
        "name": person.full_name, "doc_type": person.get_document_type_display(),
        "doc": person.document_number_masked, "number": volunteer.number, "org": certificate.organization.name,
        "hours": certificate.hours}
    y = height - 75 * mm
    pdf.setFont(font, 13)
    for line in wrap_text(body, width - 50 * mm, 13):
        pdf.drawString(25 * mm, y, line)
        y -= 8 * mm
    y -= 4 * mm
    period = ""
    if certificate.first_served_on and certificate.last_served_on:
        period = f"{certificate.first_served_on:%Y-%m-%d} — {certificate.last_served_on:%Y-%m-%d}"
    rows = [
        (pgettext("person", "Name"), person.full_name),
        (_("Document"), f"{person.get_document_type_display()} {person.document_number_masked}"),
        (_("Volunteer number"), volunteer.number),
        (_("Confirmed hours"), _("%(hours)s hours") % {"hours": certificate.hours}),
        (_("Period of service"), period or "—"),
        (_("Content of service"), certificate.content or "—"),
        (_("Issuing organisation"), certificate.organization.name),
        (_("Person in charge"), certificate.head_name),
        (_("Handler"), certificate.handler_name),
        (_("Contact"), certificate.contact),
        (_("Issued on"), certificate.issued_on.strftime("%Y-%m-%d")),
    ]
    pdf.setFont(font, 11)
    for label, value in rows:
        pdf.setFillColor(HexColor("#666666"))
        pdf.drawString(25 * mm, y, label)
        pdf.setFillColor(HexColor("#222222"))
        for line in wrap_text(value, width - 110 * mm, 11):
            pdf.drawString(62 * mm, y, line)
            y -= 6.5 * mm
        y -= 1.5 * mm
    seal_area(pdf, x=width / 2 + 5 * mm, y=52 * mm, radius=20 * mm, issuer=certificate.organization.name)
    pdf.drawImage(qr_image(verify_url, border=2), width - 70 * mm, 30 * mm, 45 * mm, 45 * mm)
    pdf.setFont(font, 8)
    pdf.drawCentredString(width - 47.5 * mm, 26 * mm, _("Scan to verify"))
    pdf.setFont(font, 9)
    pdf.setFillColor(HexColor("#666666"))
    for index, line in enumerate(wrap_text(_("Issued free of charge under the Volunteer Service Regulations. Anyone "
                                             "can check this certificate at %(url)s") % {"url": verify_url},
                                           width - 105 * mm, 9)):
        pdf.drawString(25 * mm, 40 * mm - index * 5 * mm, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
