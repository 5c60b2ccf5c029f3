"""The translation check finds empty, fuzzy and stale entries, and passes the committed files."""

from mekle.lib.check_translations import LOCALE_DIR, parse_po, problems_in

PO = r"""
msgid ""
msgstr ""
"Language: nb\n"

#: a.py
msgid "Timeline"
msgstr "Tidslinje"

#, fuzzy
msgid "Case"
msgstr "Sak"

msgid "Say \"hi\""
msgstr ""

msgid "%(counter)s case"
msgid_plural "%(counter)s cases"
msgstr[0] "%(counter)s sak"
msgstr[1] ""
"""


def test_parse_po_reads_entries_flags_escapes_and_plurals():
    entries = {e.msgid: e for e in parse_po(PO)}
    assert entries["Timeline"].translations == ["Tidslinje"]
    assert entries["Case"].fuzzy
    assert entries['Say "hi"'].translations == [""]
    assert entries["%(counter)s case"].translations == ["%(counter)s sak", ""]
    assert "" not in entries


def test_the_committed_norwegian_translations_are_complete_and_compiled():
    for language in ("nb", "nn"):
        assert problems_in(LOCALE_DIR / language / "LC_MESSAGES" / "django.po") == []
