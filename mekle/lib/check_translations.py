"""Fail when a Norwegian translation is missing or fuzzy: the interface speaks Norwegian first.

Run as ``python -m mekle.lib.check_translations``; `make test` does.
"""

import sys
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
REQUIRED_COMPLETE = ("nb", "nn")


def untranslated_entries(po_text: str) -> list[str]:
    """The msgids in a .po file's text that have an empty or fuzzy translation."""
    problems = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line]
        msgid = _joined(lines, "msgid ")
        if not msgid:
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        plural = any(line.startswith("msgid_plural ") for line in lines)
        translations = [_joined(lines, f"msgstr[{i}] ") for i in range(2)] if plural else [_joined(lines, "msgstr ")]
        if fuzzy or not all(translations):
            problems.append(msgid)
    return problems


def _joined(lines: list[str], prefix: str) -> str:
    """The string value of the entry starting with `prefix`, continuation lines included."""
    for i, line in enumerate(lines):
        if line.startswith(prefix):
            parts = [line[len(prefix) :]]
            for follow in lines[i + 1 :]:
                if not follow.startswith('"'):
                    break
                parts.append(follow)
            return "".join(p.strip().strip('"') for p in parts)
    return ""


def main() -> int:
    failures = 0
    for language in REQUIRED_COMPLETE:
        po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        if not po.exists():
            print(f"{po}: missing")
            failures += 1
            continue
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime - 1:
            print(f"{mo}: missing or older than its .po (run `make messages`)")
            failures += 1
        for msgid in untranslated_entries(po.read_text(encoding="utf-8")):
            print(f"{po}: not translated: {msgid!r}")
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
