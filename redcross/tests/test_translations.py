"""Every user-facing string ships in Chinese: a new untranslated, fuzzy or uncompiled entry fails here."""

import ast
import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def parse_po(path):
    """[(msgctxt, msgid, msgstr, flags)] of a .po file; enough of the format for our own catalogue."""
    entries, current, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current and current.get("msgid"):
                entries.append((current.get("msgctxt"), current["msgid"], current.get("msgstr", ""),
                                current.get("flags", "")))
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
    entries = parse_po(PO)
    assert len(entries) > 300
    untranslated = [msgid for _ctx, msgid, msgstr, _flags in entries if not msgstr]
    fuzzy = [msgid for _ctx, msgid, _msgstr, flags in entries if "fuzzy" in flags]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def test_the_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for context, msgid, msgstr, _flags in parse_po(PO):
        got = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert got == msgstr, f"run compilemessages: {msgid!r}"


def test_the_catalogue_covers_every_string_in_the_source(tmp_path):
    """makemessages finds no msgid that the committed catalogue lacks."""
    if shutil.which("xgettext") is None:
        pytest.skip("needs xgettext from Debian's gettext package (.ci/run installs it)")
    before = {(ctx, msgid) for ctx, msgid, _s, _f in parse_po(PO)}
    backup = tmp_path / "django.po"
    shutil.copy(PO, backup)
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--ignore=.venv", "--ignore=.data",
             "--ignore=staticfiles", "--ignore=test-artifacts", "-v", "0"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        after = {(ctx, msgid) for ctx, msgid, _s, _f in parse_po(PO)}
    finally:
        shutil.copy(backup, PO)
    assert after <= before, f"strings missing from the catalogue: {sorted(after - before, key=str)[:10]}"
