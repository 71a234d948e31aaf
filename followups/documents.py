"""The 信息专报 as a PDF for printing, through the shared toolkit in redcross/documents.py."""

from django.utils import timezone
from django.utils.translation import gettext as _

from followups.choices import PartyKind, VisitMethod
from redcross.documents import titled_document


def figure_rows(figures: dict) -> list[tuple[str, str]]:
    """The frozen figures as (label, value) rows, for the page and the PDF alike."""
    if not figures:
        return []
    methods = "，".join(f"{VisitMethod(k).label} {v}" for k, v in sorted(figures.get("by_method", {}).items())
                       if k in VisitMethod.values)
    rows = [
        (_("Visits"), f"{figures.get('visits', 0)}（{methods or '—'}）"),
        (_("People and bodies visited"), str(figures.get("parties", 0))),
    ]
    for kind, rate in sorted(figures.get("rates", {}).items()):
        label = _("Visit rate: %(kind)s") % {"kind": PartyKind(kind).label}
        rows.append((label, _("%(rate)s%% (%(visited)s of %(eligible)s; target %(target)s%%)") % rate))
    days = figures.get("days_to_resolve")
    rows += [
        (_("Issues opened"), str(figures.get("issues_opened", 0))),
        (_("Issues resolved"), str(figures.get("issues_resolved", 0))),
        (_("Average days to resolve"), "—" if days is None else str(days)),
        (_("Issues open at the end of the period"), str(figures.get("issues_open_at_end", 0))),
    ]
    if figures.get("satisfaction") is not None:
        rows.append((_("Average satisfaction (1–5)"), str(figures["satisfaction"])))
    return rows


def bulletin_pdf(bulletin) -> bytes:
    rows = [
        (_("Issuing society"), bulletin.organization.name),
        (_("Period"), f"{bulletin.period_start.isoformat()} — {bulletin.period_end.isoformat()}"),
        (_("Status"), bulletin.get_status_display()),
        *figure_rows(bulletin.figures),
        (_("Typical cases"), bulletin.typical_cases),
        (_("Suggestions"), bulletin.suggestions),
    ]
    table = None
    districts = bulletin.figures.get("districts") if bulletin.figures else None
    if districts:
        table = ([_("District bulletin"), _("Visits"), _("Issues opened"), _("Issues resolved")],
                 [[f"{d['organization']} {d['year']}-{d['number']}", str(d["visits"]), str(d["issues_opened"]),
                   str(d["issues_resolved"])] for d in districts])
    published = bulletin.published_at and timezone.localtime(bulletin.published_at).strftime("%Y-%m-%d %H:%M")
    return titled_document(
        title=_("Follow-up visit bulletin (信息专报)"), subtitle=str(bulletin), rows=rows, table=table,
        footer=_("Published %(when)s") % {"when": published} if published else _("Draft — not published"))
