"""Identity document numbers, unified social credit codes and mobile numbers.

Pure validation / normalisation / masking helpers for the people registry.
Nothing here touches the database or needs Django settings at import time:
messages are ``gettext_lazy`` proxies and are only rendered (translated) when
a caller turns them into text.

Standards implemented
---------------------
* GB 11643-1999 citizen identity number (18 characters: 6-digit region code,
  8-digit birth date, 3-digit sequence whose last digit gives the sex, one
  ISO 7064 MOD 11-2 check character). The same layout and check algorithm is
  used by the residence permits for Hong Kong/Macao (810000 / 820000) and
  Taiwan (830000) residents and by the 2023 foreign permanent resident ID card
  (18 characters starting with ``9``).
* GB 32100-2015 unified social credit code (18 characters over a 31-character
  alphabet, ISO 7064 style MOD 31 check character).
* Mainland China mobile numbers (``1[3-9]`` followed by nine digits).

Error codes raised (``ValidationError.code``)
---------------------------------------------
``document_type``, ``id_format``, ``id_15_digit``, ``id_region``,
``id_birth_date``, ``id_checksum``, ``passport_format``, ``uscc_format``,
``uscc_checksum``, ``phone_format``.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

__all__ = [
    "DocumentType",
    "IdInfo",
    "REGION_SINCE",
    "id_check_character",
    "normalize_document_number",
    "validate_document_number",
    "credit_check_character",
    "normalize_credit_code",
    "validate_credit_code",
    "normalize_mobile",
    "mask_document_number",
    "mask_mobile",
    "mask_name",
]


class DocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident ID card")
    FOREIGN_PERMANENT = "foreign_permanent", _("Foreign permanent resident ID card")
    HK_MACAO_PERMIT = "hk_macao_permit", _("Residence permit for Hong Kong and Macao residents")
    TAIWAN_PERMIT = "taiwan_permit", _("Residence permit for Taiwan residents")
    PASSPORT = "passport", _("Passport")


# The plain values, compared once per row of an import (an enum member's .value is a descriptor call).
_RESIDENT_ID = DocumentType.RESIDENT_ID.value
_FOREIGN_PERMANENT = DocumentType.FOREIGN_PERMANENT.value
_HK_MACAO_PERMIT = DocumentType.HK_MACAO_PERMIT.value
_TAIWAN_PERMIT = DocumentType.TAIWAN_PERMIT.value
_PASSPORT = DocumentType.PASSPORT.value

# Document types whose number follows the GB 11643 layout (birth date + check).
_ID_LIKE_TYPES = frozenset(
    {
        _RESIDENT_ID,
        _FOREIGN_PERMANENT,
        _HK_MACAO_PERMIT,
        _TAIWAN_PERMIT,
    }
)

# Region code prefixes reserved for the residence permits.
_HK_MACAO_PREFIXES = ("810000", "820000")
_TAIWAN_PREFIXES = ("830000",)

# First two digits of a mainland region code (province-level divisions).
_PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65".split()
)

# ---------------------------------------------------------------------------
# GB 11643-1999 resident identity number
# ---------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_EARLIEST_BIRTH_YEAR = 1900

_ID_18_RE = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)
_ID_15_RE = re.compile(r"[0-9]{15}", re.ASCII)
_PASSPORT_RE = re.compile(r"[A-Z0-9]{5,20}", re.ASCII)

# Chengdu (5101xx) county-level codes that were created after 1984, mapped to
# the first year in which the code was in use. A person born in the area
# before that year can still legitimately hold the code (numbers issued or
# re-issued after the change), so a mismatch is only ever a warning.
REGION_SINCE: dict[str, int] = {
    "510116": 2015,  # 双流区 (formerly 双流县 510122)
    "510117": 2016,  # 郫都区 (formerly 郫县 510124)
    "510118": 2020,  # 新津区 (formerly 新津县 510132)
    "510185": 2016,  # 简阳市, part of Chengdu since 2016 (formerly 512081)
}

# A lazily rendered ``message % params``, so that warnings stored on IdInfo
# are translated in whatever language is active when they are displayed.
_lazy_interpolate = lazy(lambda message, params: str(message) % params, str)


def id_check_character(first17: str) -> str:
    """Return the GB 11643 check character ("0"-"9" or "X") for 17 digits."""
    if not isinstance(first17, str) or not _is_ascii_digits(first17) or len(first17) != 17:
        raise ValueError("id_check_character() needs exactly 17 ASCII digits")
    total = sum(map(operator.mul, map(int, first17), _ID_WEIGHTS))
    return _ID_CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdInfo:
    """What can be read off a valid GB 11643-style document number."""

    number: str
    region_code: str
    birth_date: date
    sex: str  # "M" or "F"
    warnings: tuple[str, ...] = ()

    def age(self, on: date | None = None) -> int:
        """Age in completed years on ``on`` (default: today).

        The age goes up on the birthday; someone born on 29 February gets
        older on 1 March in non-leap years.
        """
        on = on or date.today()
        if on < self.birth_date:
            raise ValueError("age() asked for a date before the birth date")
        before_birthday = (on.month, on.day) < (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - int(before_birthday)


def _doc_type_value(doc_type) -> str:
    # Accept the enum member or its plain string value.
    return doc_type.value if isinstance(doc_type, DocumentType) else str(doc_type or "")


def normalize_document_number(doc_type, value) -> str:
    """Canonical form of a document number for storage and comparison.

    All types: surrounding whitespace removed and upper-cased (a lower-case
    check character ``x`` becomes ``X``). Passports get nothing more. For the
    ID-style numbers inner whitespace is removed too, and full-width
    characters typed with a Chinese input method (``５１０…``) are folded to
    ASCII.
    """
    if value is None:
        return ""
    text = str(value)
    if _doc_type_value(doc_type) == _PASSPORT:
        return text.strip().upper()
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).upper()


def validate_document_number(doc_type, value) -> IdInfo | None:
    """Validate a document number of the given type.

    Returns an :class:`IdInfo` for the ID-style documents and ``None`` for
    passports. Raises :class:`ValidationError` with a field-naming message
    and a ``code`` when the number is not acceptable.
    """
    kind = _doc_type_value(doc_type)
    if kind == _PASSPORT:
        _validate_passport(normalize_document_number(kind, value))
        return None
    if kind not in _ID_LIKE_TYPES:
        raise ValidationError(
            _("Document type: %(value)s is not a supported document type."),
            code="document_type",
            params={"value": kind},
        )

    number = normalize_document_number(kind, value)
    _check_id_shape(kind, number)
    birth_date = _check_birth_date(number)
    expected = id_check_character(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _("ID number: the check character is wrong (expected %(expected)s)."),
            code="id_checksum",
            params={"expected": expected, "actual": number[17]},
        )

    region_code = number[:6]
    warnings = []
    if kind == _RESIDENT_ID:
        since = REGION_SINCE.get(region_code)
        if since is not None and birth_date.year < since:
            warnings.append(
                _lazy_interpolate(
                    _(
                        "ID number: region code %(region)s did not exist in the birth year "
                        "%(year)s (it was created in %(since)s); this may be a late "
                        "registration."
                    ),
                    {"region": region_code, "year": birth_date.year, "since": since},
                )
            )
    return IdInfo(
        number=number,
        region_code=region_code,
        birth_date=birth_date,
        sex="M" if int(number[16]) % 2 else "F",
        warnings=tuple(warnings),
    )


def _check_id_shape(kind: str, number: str) -> None:
    if not number:
        raise ValidationError(
            _("ID number: enter the 18-character number."),
            code="id_format",
        )
    if kind == _RESIDENT_ID and _ID_15_RE.fullmatch(number):
        raise ValidationError(
            _(
                "ID number: first-generation 15-digit ID numbers are no longer accepted; "
                "please enter the 18-digit number."
            ),
            code="id_15_digit",
        )
    if not _ID_18_RE.fullmatch(number):
        raise ValidationError(
            _(
                "ID number: it must be 18 characters: 17 digits followed by a digit "
                "or the letter X (you entered %(length)s characters)."
            ),
            code="id_format",
            params={"length": len(number)},
        )

    if kind == _FOREIGN_PERMANENT:
        if not number.startswith("9"):
            raise ValidationError(
                _("ID number: a foreign permanent resident ID card number starts with 9."),
                code="id_format",
            )
    elif kind == _HK_MACAO_PERMIT:
        if not number.startswith(_HK_MACAO_PREFIXES):
            raise ValidationError(
                _(
                    "ID number: a Hong Kong or Macao residence permit number starts with "
                    "810000 or 820000."
                ),
                code="id_format",
            )
    elif kind == _TAIWAN_PERMIT:
        if not number.startswith(_TAIWAN_PREFIXES):
            raise ValidationError(
                _("ID number: a Taiwan residence permit number starts with 830000."),
                code="id_format",
            )
    else:  # resident ID card
        if number.startswith(_HK_MACAO_PREFIXES + _TAIWAN_PREFIXES):
            raise ValidationError(
                _(
                    "ID number: numbers starting with %(prefix)s belong to a residence "
                    "permit for Hong Kong, Macao or Taiwan residents; choose that document "
                    "type instead."
                ),
                code="id_region",
                params={"prefix": number[:6]},
            )
        if number[:2] not in _PROVINCE_CODES:
            raise ValidationError(
                _("ID number: %(region)s is not a valid mainland region code."),
                code="id_region",
                params={"region": number[:6]},
            )


def _check_birth_date(number: str) -> date:
    raw = number[6:14]
    try:
        birth_date = date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
    except ValueError:
        raise ValidationError(
            _("ID number: the birth date %(date)s (digits 7-14) is not a real date."),
            code="id_birth_date",
            params={"date": raw},
        ) from None
    if birth_date.year < _EARLIEST_BIRTH_YEAR:
        raise ValidationError(
            _("ID number: the birth date %(date)s is before %(year)s."),
            code="id_birth_date",
            params={"date": birth_date.isoformat(), "year": _EARLIEST_BIRTH_YEAR},
        )
    if birth_date > date.today():
        raise ValidationError(
            _("ID number: the birth date %(date)s is in the future."),
            code="id_birth_date",
            params={"date": birth_date.isoformat()},
        )
    return birth_date


def _validate_passport(number: str) -> None:
    if not _PASSPORT_RE.fullmatch(number):
        raise ValidationError(
            _("Passport number: use 5 to 20 letters (A-Z) and digits only."),
            code="passport_format",
        )


# ---------------------------------------------------------------------------
# GB 32100-2015 unified social credit code
# ---------------------------------------------------------------------------

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {char: index for index, char in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_check_character(first17: str) -> str:
    """Return the GB 32100 check character for the first 17 characters."""
    if (
        not isinstance(first17, str)
        or len(first17) != 17
        or any(char not in _USCC_VALUES for char in first17)
    ):
        raise ValueError(
            "credit_check_character() needs 17 characters from " + _USCC_ALPHABET
        )
    total = sum(_USCC_VALUES[char] * weight for char, weight in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value) -> str:
    """Strip whitespace (also inside), fold full-width characters, upper-case."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(text.split()).upper()


def validate_credit_code(value) -> str:
    """Validate a unified social credit code; return its normalised form."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _(
                "Unified social credit code: it must be 18 characters "
                "(you entered %(length)s)."
            ),
            code="uscc_format",
            params={"length": len(code)},
        )
    invalid = sorted({char for char in code if char not in _USCC_VALUES})
    if invalid:
        raise ValidationError(
            _(
                "Unified social credit code: the character(s) %(chars)s are not allowed; "
                "only digits and capital letters except I, O, S, V and Z are used."
            ),
            code="uscc_format",
            params={"chars": " ".join(invalid)},
        )
    if not _is_ascii_digits(code[2:8]):
        raise ValidationError(
            _(
                "Unified social credit code: characters 3-8 must be the 6-digit region "
                "code (found %(region)s)."
            ),
            code="uscc_format",
            params={"region": code[2:8]},
        )
    expected = credit_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("Unified social credit code: the check character is wrong (expected %(expected)s)."),
            code="uscc_checksum",
            params={"expected": expected, "actual": code[17]},
        )
    return code


# ---------------------------------------------------------------------------
# Mainland mobile numbers
# ---------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)


def normalize_mobile(value) -> str:
    """Return the bare 11-digit mainland mobile number or raise ValidationError.

    Spaces and dashes are dropped, and a leading ``+86`` or ``86`` country
    code is removed when what remains is 11 digits.
    """
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    text = "".join(text.split()).replace("-", "")
    for prefix in ("+86", "86"):
        rest = text[len(prefix):]
        if text.startswith(prefix) and len(rest) == 11 and _is_ascii_digits(rest):
            text = rest
            break
    if not _MOBILE_RE.fullmatch(text):
        raise ValidationError(
            _("Mobile number: enter an 11-digit mainland mobile number starting with 13-19."),
            code="phone_format",
        )
    return text


# ---------------------------------------------------------------------------
# Masking for display (always done on the server)
# ---------------------------------------------------------------------------

_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 "
    "令狐 端木 独孤 南宫 西门".split()
)
# Characters that separate parts of a name and are shown as they are.
_NAME_SEPARATORS = re.compile(r"(\s+|[·•・.\-])")


def _mask_middle(text: str, keep_start: int, keep_end: int) -> str:
    hidden = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * hidden + text[len(text) - keep_end:]


def mask_document_number(value) -> str:
    """Mask a document number for display.

    ID-style numbers (15 or more characters) keep the first 6 and last 4
    characters; shorter numbers such as passports keep the first 2 and last 2.
    At least one character is always hidden.
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    if len(text) >= 15:
        return _mask_middle(text, 6, 4)
    keep = min(2, (len(text) - 1) // 2)
    return _mask_middle(text, keep, keep)


def mask_mobile(value) -> str:
    """``13812341234`` -> ``138****1234`` (first 3 and last 4 digits kept)."""
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    try:
        text = normalize_mobile(text)
    except ValidationError:
        pass  # mask whatever was stored, never echo it unmasked
    if len(text) >= 8:
        return _mask_middle(text, 3, 4)
    keep = min(2, (len(text) - 1) // 2)
    return _mask_middle(text, keep, keep)


def mask_birth_date(value) -> str:
    """``1990-03-07`` -> ``1990-**-**``: the year only (an age band), never the digits a masked ID number hides."""
    text = "" if value is None else str(value).strip()
    return f"{text[:4]}-**-**" if len(text) >= 4 else ""


def history_mask_name(value, row=None) -> str:
    """A person's name in the change history, for readers without the reveal permission (redcross.history)."""
    return mask_name(value)


def history_mask_birth_date(value, row=None) -> str:
    return mask_birth_date(value)


def mask_name(value) -> str:
    """Mask a person's name for display.

    Chinese names keep the surname (including common two-character compound
    surnames such as 欧阳) and the last character, starring the middle
    (张*明, 欧阳*娜); a two-character name keeps its surname (张*); a
    one-character name is shown as is. Names made of several parts (``John Smith``, ``买买提·艾力``)
    keep the first character of every part.
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    cjk = _is_cjk(text)
    # No separator is a CJK character: a Chinese name is one word without the split.
    parts = [text] if cjk else [part for part in _NAME_SEPARATORS.split(text) if part]
    words = [part for part in parts if not _NAME_SEPARATORS.fullmatch(part)]
    if len(words) == 1 and cjk:
        # 张*明: the surname and the last character, the middle starred; a two-character name shows its surname.
        keep = 2 if text[:2] in _COMPOUND_SURNAMES and len(text) > 2 else 1
        hidden = len(text) - keep
        if hidden >= 2:
            return text[:keep] + "*" * (hidden - 1) + text[-1]
        return text[:keep] + "*" * hidden
    return "".join(
        part if _NAME_SEPARATORS.fullmatch(part) else part[0] + "*" * (len(part) - 1)
        for part in parts
    )


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _is_cjk(text: str) -> bool:
    return all(
        "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\U00020000" <= char
        for char in text
    )
