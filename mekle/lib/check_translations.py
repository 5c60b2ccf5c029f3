"""Fail when a Norwegian translation is missing or fuzzy, or its compiled .mo is out of date.

The interface speaks Norwegian first, so every bokmål and nynorsk entry must be translated, and
the committed .mo files (laptops without gettext use them as they are) must say the same as the
.po files. Run as ``python -m mekle.lib.check_translations``; `make test` does.
"""

import ast
import gettext
import sys
from dataclasses import dataclass
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
REQUIRED_COMPLETE = ("nb", "nn")


@dataclass
class Entry:
    msgid: str
    translations: list[str]
    fuzzy: bool


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file (the header entry left out)."""
    entries = []
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        current = ""
        fuzzy = False
        for line in block.strip().splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and current:
                fields[current] += _unquote(line)
            elif " " in line:
                current, _space, value = line.partition(" ")
                fields[current] = _unquote(value)
        if fields.get("msgid"):
            keys = sorted(k for k in fields if k.startswith("msgstr"))
            entries.append(Entry(fields["msgid"], [fields[k] for k in keys], fuzzy))
    return entries


def _unquote(quoted: str) -> str:
    value: str = ast.literal_eval(quoted.strip())
    return value


def problems_in(po: Path) -> list[str]:
    entries = parse_po(po.read_text(encoding="utf-8"))
    problems = [f"not translated: {e.msgid!r}" for e in entries if e.fuzzy or not all(e.translations)]
    mo = po.with_suffix(".mo")
    if not mo.exists():
        return [*problems, "no compiled .mo (run `make messages`)"]
    with mo.open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    for entry in entries:
        if entry.translations and catalog.gettext(entry.msgid) not in (entry.translations[0], entry.msgid):
            problems.append(f".mo differs from .po for {entry.msgid!r} (run `make messages`)")
    return problems


def main() -> int:
    failures = 0
    for language in REQUIRED_COMPLETE:
        po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        problems = problems_in(po) if po.exists() else ["missing"]
        for problem in problems:
            print(f"{po}: {problem}")
        failures += len(problems)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
