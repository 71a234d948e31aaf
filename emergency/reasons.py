"""The words of a readiness reason. A reason is stored on the team as {"code", "severity", "params"}
(`emergency.readiness` writes them); its words are translated when shown. Imports no model, so the models may use it.
"""

from django.utils.translation import gettext_lazy as _

REASONS = {
    "no_standard": _("No standard is set for this team type."),
    "members_short": _("%(have)s of the %(need)s members the standard asks for."),
    "certificates_short": _("%(have)s members hold valid required certificates; the standard asks for %(need)s."),
    "uninsured": _("%(count)s members have no valid accident insurance."),
    "kit_missing": _("Kit missing: %(kinds)s."),
    "kit_unusable": _("Kit unusable: %(kinds)s."),
    "inspection_overdue": _("Equipment inspection overdue: %(kinds)s."),
    "no_drill": _("No drill recorded."),
    "drill_overdue": _("Last drill on %(date)s, more than %(days)s days ago."),
}


def reason_text(reason) -> str:
    template = REASONS.get(reason.get("code"))
    if template is None:
        return reason.get("code", "")
    return str(template) % reason.get("params", {}) if reason.get("params") else str(template)
