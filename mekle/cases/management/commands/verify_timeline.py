"""Check the hash chains of case timelines; exit non-zero naming every broken event."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mekle.cases.models import Case
from mekle.cases.selectors import ChainBreak, verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of every case's timeline (or of the cases named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("references", nargs="*", help="Case references, e.g. OSL-2026-00042")

    def handle(self, *args: Any, **options: Any) -> None:
        references: list[str] = options["references"]
        cases = Case.objects.order_by("id")
        if references:
            cases = cases.filter(reference__in=references)
            missing = set(references) - set(cases.values_list("reference", flat=True))
            if missing:
                raise CommandError(f"No such case: {', '.join(sorted(missing))}")
        checked = 0
        breaks: list[ChainBreak] = []
        for case in cases.iterator(chunk_size=500):
            checked += 1
            breaks.extend(verify_chain(case))
        for b in breaks:
            self.stderr.write(f"{b.reference}: event #{b.sequence} ({b.kind}) {b.problem}")
        if breaks:
            raise CommandError(f"{len(breaks)} broken link(s) in {checked} case timeline(s)")
        self.stdout.write(f"{checked} case timeline(s) verified; every chain is intact.")
