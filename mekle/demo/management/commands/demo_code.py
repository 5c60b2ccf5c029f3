"""Print the current second-factor code of a demo staff person, to sign in in one step."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mekle.accounts.models import User
from mekle.demo.cast import STAFF
from mekle.signin import selectors


class Command(BaseCommand):
    help = "Print the code a demo staff person's authenticator app shows now (e.g. demo_code saksbehandler.oslo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="a demo staff user, e.g. saksbehandler.oslo")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if username not in {person.username for person in STAFF}:
            raise CommandError(f"{username} is not a demo user; demo_code shows only the demo staff's codes.")
        user = User.objects.filter(username=username).first()
        device = selectors.app_of(user) if user is not None else None
        if device is None:
            raise CommandError(f"{username} has no authenticator app. Run `python manage.py seed_demo` first.")
        self.stdout.write(selectors.current_code(device))
