"""Load demo data: three offices, a dozen staff, and cases in every state of the lifecycle.

The demo staff sign in with a password everyone knows (README). Into the embedded SQLite database
of `make run` that takes one command; into any other database (PostgreSQL: perhaps one that real
people use) only with `--yes`, and with a warning all the same.
"""

import random
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from faker import Faker
from tqdm import tqdm

from mekle.cases.models import Case
from mekle.demo.cast import DEMO_PASSWORD, ensure_offices, ensure_staff
from mekle.demo.showcases import build_contact_showcases
from mekle.demo.stories import Storyteller, declare_some_ties


def embedded_database() -> bool:
    """Whether the data goes into the embedded SQLite database (a laptop's), not a server's."""
    return connection.vendor == "sqlite"


def known_password_warning() -> str:
    database = settings.DATABASES["default"]
    where = f"{database.get('NAME', '')} on {database.get('HOST') or 'localhost'}"
    return (
        f"Demo data creates staff who sign in with the known password {DEMO_PASSWORD!r}, and it goes into the "
        f"{connection.vendor} database {where}. Never load it into a database real people use."
    )


class Command(BaseCommand):
    help = "Create demo offices, staff and N cases spread over every state (through the services)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=60, help="how many cases to create (default 60)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing if any case exists")
        parser.add_argument("--seed", type=int, default=2026, help="random seed, for reproducible data")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="load it into a database other than the embedded SQLite (PostgreSQL) all the same",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Case.objects.exists():
            self.stdout.write("Demo data already exists; nothing to do.")
            return
        if not embedded_database():
            if not options["yes"]:
                raise CommandError(
                    f"{known_password_warning()} To load it all the same, run `python manage.py seed_demo --yes` "
                    "(or `make run DEMO=1`)."
                )
            self.stderr.write(self.style.WARNING(f"Warning: {known_password_warning()}"))
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
