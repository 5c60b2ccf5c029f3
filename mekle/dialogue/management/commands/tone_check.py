"""`python manage.py tone_check --jsonl`: the tone check for scripts and benchmarks.

Reads one JSON object a line on stdin, {"id": …, "lang": "nb"|"nn"|"en", "text": …}, and writes
one line a message, in input order:
{"id": …, "hostile": bool, "score": 0..1, "categories": […], "spans": [[start, end, category], …],
 "suggestion": …}. A line that cannot be read gives {"id": … or null, "error": "…"} and the run
goes on. The log ("mekle.tone") gets id, language, score and categories; never the text.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mekle.dialogue.tone import check

logger = logging.getLogger("mekle.tone")


class Command(BaseCommand):
    help = "Check the tone of messages read as JSON lines on stdin; write one JSON line each."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", action="store_true", help="read and write JSON lines (the only format)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["jsonl"]:
            raise CommandError("Use --jsonl and give one JSON object a line on stdin.")
        out = self.stdout
        for line in sys.stdin:
            if not line.strip():
                continue
            out.write(json.dumps(self.check_line(line), ensure_ascii=False))
            out.flush()

    def check_line(self, line: str) -> dict[str, Any]:
        try:
            message = json.loads(line)
        except ValueError:
            return {"id": None, "error": "not valid JSON"}
        if not isinstance(message, dict):
            return {"id": None, "error": "not a JSON object"}
        ident = message.get("id")
        text, lang = message.get("text"), message.get("lang", "nb")
        if not isinstance(text, str):
            return {"id": ident, "error": "text must be a string"}
        if not isinstance(lang, str):
            return {"id": ident, "error": "lang must be a string"}
        result = check(text, lang)
        logger.info(
            "tone check", extra={"id": ident, "lang": lang, "score": result.score, "categories": result.categories}
        )
        return {
            "id": ident,
            "hostile": result.hostile,
            "score": result.score,
            "categories": result.categories,
            "spans": [[s.start, s.end, s.category] for s in result.spans],
            "suggestion": result.suggestion,
        }
