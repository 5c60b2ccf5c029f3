"""Erase the personal fields of closed cases' events (a retention rule); run as the migration role, never the app's."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mekle.cases.models import Case
from mekle.cases.services import erase_personal_data
from mekle.lib.errors import Refusal


class Command(BaseCommand):
    help = (
        "Blank the personal fields of every event of the closed cases named; the hash chain and every checkpoint "
        "still verify. Needs UPDATE on case events: run it with the migration role's DATABASE_URL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("references", nargs="+", help="Case references, e.g. OSL-2026-00042")

    def handle(self, *args: Any, **options: Any) -> None:
        references: list[str] = options["references"]
        cases = {case.reference: case for case in Case.objects.filter(reference__in=references)}
        if missing := sorted(set(references) - cases.keys()):
            raise CommandError(f"No such case: {', '.join(missing)}")
        for reference in references:
            try:
                event = erase_personal_data(case=cases[reference])
            except Refusal as refusal:
                raise CommandError(f"{reference}: {' '.join(map(str, refusal.reasons))}") from refusal
            count = len(event.payload["erased"]) if event else 0
            self.stdout.write(f"{reference}: personal data erased from {count} event(s).")
