"""Load demo data: three offices, a dozen staff, and cases in every state of the lifecycle."""

import random
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from faker import Faker
from tqdm import tqdm

from mekle.cases.models import Case
from mekle.demo.cast import ensure_offices, ensure_staff
from mekle.demo.showcases import build_contact_showcases
from mekle.demo.stories import Storyteller, declare_some_ties


class Command(BaseCommand):
    help = "Create demo offices, staff and N cases spread over every state (through the services)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=60, help="how many cases to create (default 60)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing if any case exists")
        parser.add_argument("--seed", type=int, default=2026, help="random seed, for reproducible data")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Case.objects.exists():
            self.stdout.write("Demo data already exists; nothing to do.")
            return
        rng = random.Random(options["seed"])
        fake = Faker("no_NO")  # Faker names Norwegian "no_NO" (bokmål data)
        fake.seed_instance(options["seed"])
        offices = ensure_offices()
        storyteller = Storyteller(rng=rng, fake=fake, offices=list(offices.values()), staff=ensure_staff(offices))
        start = Case.objects.count()
        cases = [storyteller.build(start + i) for i in tqdm(range(options["cases"]), desc="Cases", unit="case")]
        declare_some_ties(storyteller, cases)
        cases += build_contact_showcases(storyteller)
        self.stdout.write(self.style.SUCCESS(f"Created {len(cases)} demo cases in {len(offices)} offices."))
