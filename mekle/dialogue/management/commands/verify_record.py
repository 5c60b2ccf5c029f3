"""Check a good-faith record (JSON) offline: exits non-zero naming the first bad event."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mekle.dialogue.goodfaith import verify_record


class Command(BaseCommand):
    help = "Check a good-faith record's hash chain offline. Exits non-zero if anything was added, removed, reordered or changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the record's JSON file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        problems = verify_record(data)
        if problems:
            code = data.get("code", "?") if isinstance(data, dict) else "?"
            raise CommandError(f"Record {code} does not verify: {problems[0]}")
        count = len(data["events"])
        self.stdout.write(f"Record {data['code']}: {count} events, the chain and record_hash verify.")
