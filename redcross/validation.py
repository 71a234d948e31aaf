"""Server-side rules per kind of field: names of people, names of organisations, free text.

Forms, services and the API call these, so a name with markup, an emoji-only
name or a 300-character name is refused everywhere with the same message.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PERSON_NAME_MAX = 50
ORGANIZATION_NAME_MAX = 100
TEXT_MAX = 2000
_PERSON_EXTRA = set("·•.'’- ")
_ORGANIZATION_EXTRA = set("·•.'’-—–()（）&、，, #/")  # 青城山—都江堰: dashes join real names
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|javascript:|on\w+\s*=", re.IGNORECASE)


def _normalise(value) -> str:
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    return " ".join(text.split())


def _has_control(text: str) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co") for char in text)


def _is_letter(char: str) -> bool:
    return unicodedata.category(char).startswith(("L", "M"))


def clean_name(value, *, kind: str = "person") -> str:
    """A person's or an organisation's name, trimmed; ValidationError with a message naming the problem."""
    text = _normalise(value)
    label = _("Name")
    if not text:
        raise ValidationError(_("%(field)s: this field is required.") % {"field": label})
    limit = PERSON_NAME_MAX if kind == "person" else ORGANIZATION_NAME_MAX
    if len(text) > limit:
        raise ValidationError(_("%(field)s: at most %(n)s characters.") % {"field": label, "n": limit})
    if _MARKUP.search(text) or "<" in text or ">" in text or _has_control(text):
        raise ValidationError(_("%(field)s: letters only, no markup or special characters.") % {"field": label})
    extra = _PERSON_EXTRA if kind == "person" else _ORGANIZATION_EXTRA
    for char in text:
        if _is_letter(char) or char in extra or char.isdigit():
            continue
        raise ValidationError(_("%(field)s: “%(char)s” is not allowed in a name.") % {"field": label, "char": char})
    letters = sum(1 for char in text if _is_letter(char))
    if letters == 0:
        raise ValidationError(_("%(field)s: write the name in letters.") % {"field": label})
    if kind != "person" and letters < 2:
        raise ValidationError(_("%(field)s: an organisation's name has at least two characters.") % {"field": label})
    return text


def clean_text(value, *, label: str, max_length: int = TEXT_MAX, required: bool = False) -> str:
    """Free text: trimmed, bounded, without markup or control characters (line breaks are kept)."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value)).strip()
    if not text:
        if required:
            raise ValidationError(_("%(field)s: this field is required.") % {"field": label})
        return ""
    if len(text) > max_length:
        raise ValidationError(_("%(field)s: at most %(n)s characters.") % {"field": label, "n": max_length})
    if _MARKUP.search(text) or any(unicodedata.category(c) == "Cc" and c not in "\n\r\t" for c in text):
        raise ValidationError(_("%(field)s: no markup or control characters.") % {"field": label})
    if not any(_is_letter(char) or char.isdigit() for char in text):
        raise ValidationError(_("%(field)s: write it in words.") % {"field": label})
    return text
