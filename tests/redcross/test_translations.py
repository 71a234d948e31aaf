"""Every user-facing string ships in Chinese: a new untranslated, fuzzy or uncompiled entry fails here.

The project catalogue is `locale/`; an app may keep its own in `<app>/locale/` (makemessages writes each
file's strings to the nearest one), so apps built side by side never edit the same catalogue.
"""

import ast
import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CATALOGUES = [PO, *sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))]


def parse_po(path, plurals=None):
    """[(msgctxt, msgid, msgstr, flags)] of a .po file; enough of the format for our own catalogue.

    `plurals`, a dict, gets each plural entry's msgid_plural by (msgctxt, msgid); its msgstr is the singular's.
    """
    entries, current, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current and current.get("msgid"):
                entries.append((current.get("msgctxt"), current["msgid"], current.get("msgstr", ""),
                                current.get("flags", "")))
                if plurals is not None and "msgid_plural" in current:
                    plurals[current.get("msgctxt"), current["msgid"]] = current["msgid_plural"]
            current, key = None, None
            continue
        current = current if current is not None else {}
        if line.startswith("#,"):
            current["flags"] = line
        elif line.startswith("#"):
            continue
        else:
            word, _, rest = line.partition(" ")
            if word.startswith('"'):
                current[key] += ast.literal_eval(line)
            else:
                key = "msgstr" if word.startswith("msgstr") else word
                if key == "msgstr" and word not in ("msgstr", "msgstr[0]"):
                    key = "other"
                current[key] = ast.literal_eval(rest)
    return entries


def test_every_message_has_a_chinese_translation():
    assert len(parse_po(PO)) > 300
    for po in CATALOGUES:
        entries = parse_po(po)
        untranslated = [msgid for _ctx, msgid, msgstr, _flags in entries if not msgstr]
        fuzzy = [msgid for _ctx, msgid, _msgstr, flags in entries if "fuzzy" in flags]
        assert not untranslated, f"{po.relative_to(ROOT)} untranslated: {untranslated[:10]}"
        assert not fuzzy, f"{po.relative_to(ROOT)} fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: str(po.relative_to(ROOT).parts[0]))
def test_the_compiled_catalogue_matches_the_po_file(po):
    with po.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    plurals = {}
    for context, msgid, msgstr, _flags in parse_po(po, plurals):
        plural = plurals.get((context, msgid))
        if plural is not None:  # through ngettext: gettext() finds a plural entry on Python 3.11.7, not on 3.11.2
            got = (compiled.npgettext(context, msgid, plural, 1) if context
                   else compiled.ngettext(msgid, plural, 1))
        else:
            got = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert got == msgstr, f"run compilemessages: {po.relative_to(ROOT)} {msgid!r}"


def test_the_catalogue_covers_every_string_in_the_source(tmp_path):
    """makemessages finds no msgid that the committed catalogue lacks."""
    if shutil.which("xgettext") is None:
        pytest.skip("needs xgettext from Debian's gettext package (.ci/run installs it)")
    before = {po: {(ctx, msgid) for ctx, msgid, _s, _f in parse_po(po)} for po in CATALOGUES}
    for n, po in enumerate(CATALOGUES):
        shutil.copy(po, tmp_path / f"{n}.po")
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--ignore=.venv", "--ignore=.data",
             "--ignore=staticfiles", "--ignore=test-artifacts", "-v", "0"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        after = {po: {(ctx, msgid) for ctx, msgid, _s, _f in parse_po(po)} for po in CATALOGUES}
        created = set(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po")) - set(CATALOGUES)
    finally:
        for n, po in enumerate(CATALOGUES):
            shutil.copy(tmp_path / f"{n}.po", po)
    assert not created, f"an app's locale/ folder has no committed catalogue: {sorted(map(str, created))}"
    for po in CATALOGUES:
        missing = sorted(after[po] - before[po], key=str)
        assert not missing, f"strings missing from {po.relative_to(ROOT)}: {missing[:10]}"
