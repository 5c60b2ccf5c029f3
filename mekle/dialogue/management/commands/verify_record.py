"""Check a good-faith record (its JSON file or Mekle's PDF): exits non-zero naming the first field that differs.

Two checks, in order. The record against its own hashes (offline, anyone can run it): names the
event or field whose hash breaks. Then, where this Mekle holds the whole record under the same
code (a party's record from a case), the record against that copy, field by field: names the
first field that differs (``subject``, ``events[3].payload.text``), even when every hash was
recomputed; a PDF must then also be one Mekle rendered (``RecordPdf``), not pages edited around a
genuine attachment. A journal's record, of which Mekle keeps only the code and the hash, is checked by the
public page; a record of format 1, whose hash left out the name, the case and the date, verifies
only against a copy.
"""

import hashlib
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from mekle.dialogue import goodfaith, record_files, selectors


class Command(BaseCommand):
    help = (
        "Check a good-faith record (JSON file or Mekle's PDF) against its hashes and, where Mekle kept it, "
        "its copy. Exits non-zero naming the first field that differs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the record's JSON file, or the PDF with the JSON attached")
        parser.add_argument(
            "--offline", action="store_true", help="check the hashes only; do not look for Mekle's copy"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        content = _bytes(options["file"])
        data = _read(options["file"], content)
        code = data.get("code", "?")
        problems = goodfaith.verify_record(data)
        if problems:
            raise CommandError(f"Record {code} does not match: {problems[0]}")
        original = None if options["offline"] else _copy_of(str(code))
        if original is not None:
            differs = goodfaith.first_difference(data, original)
            if differs:
                raise CommandError(f"Record {code} does not match: {differs} differs from the copy Mekle kept.")
            if record_files.is_pdf(content) and not selectors.pdf_made_by_mekle(hashlib.sha256(content).hexdigest()):
                raise CommandError(
                    f"Record {code}: the record attached matches the copy Mekle kept, but Mekle did not render "
                    "this PDF: its pages may have been changed."
                )
            self.stdout.write(
                f"Record {code}: {len(data['events'])} events; matches the copy Mekle kept, field by field."
            )
            return
        if not goodfaith.covers_everything(data):
            raise CommandError(
                f"Record {code} cannot be verified in full: its format ({data['format']}) does not cover the "
                "subject, case and generated_at, and Mekle holds no copy of it here. Its events verify."
            )
        self.stdout.write(f"Record {code}: {len(data['events'])} events; every field matches record_hash.")


def _bytes(name: str) -> bytes:
    try:
        return Path(name).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {name}: {error}") from error


def _read(name: str, content: bytes) -> dict[str, Any]:
    try:
        return record_files.record_from_file(content)
    except record_files.NotARecord as refusal:
        raise CommandError(f"Cannot read {name}: {refusal.message}") from refusal


def _copy_of(code: str) -> dict[str, Any] | None:
    """Mekle's copy, if this installation has a database that holds one (offline copies have none)."""
    try:
        return selectors.stored_record(code)
    except DatabaseError:
        return None
