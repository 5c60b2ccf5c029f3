"""Print the demo logins, for `make run`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mekle.accounts.models import Role, User
from mekle.demo.cast import DEMO_PASSWORD, STAFF

SEES: dict[str, str] = {
    Role.CASEWORKER: "the office's cases; registers referrals",
    Role.MEDIATOR: "only the cases assigned to them",
    Role.ADMINISTRATOR: "Django admin: offices, users, roles",
}


class Command(BaseCommand):
    help = "Print the demo users and their password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="where the server will answer")

    def handle(self, *args: Any, **options: Any) -> None:
        users = {
            u.username: u
            for u in User.objects.filter(username__in=[s.username for s in STAFF]).select_related("office")
        }
        if not users:
            self.stdout.write("No demo users exist. Run `python manage.py seed_demo`.")
            return
        self.stdout.write(f"\nMekle is starting on {options['url']}  (administration: {options['url']}admin/)\n")
        self.stdout.write(f"Demo logins — every password is: {DEMO_PASSWORD}\n")
        self.stdout.write(f"  {'user':<26}{'role':<16}{'office':<28}sees")
        for person in STAFF:
            user = users.get(person.username)
            if user is None:
                continue
            office = user.office.name if user.office else "–"
            self.stdout.write(f"  {user.username:<26}{user.role:<16}{office:<28}{SEES.get(user.role, '')}")
        self.stdout.write("")
