"""Print the demo logins, for `make run`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mekle.accounts.models import Role, User
from mekle.cases.models import Status
from mekle.demo import showcases
from mekle.demo.cast import DEMO_PASSWORD, STAFF
from mekle.parties import services as party_services
from mekle.parties.models import Party
from mekle.parties.participants import Participant
from mekle.signin import selectors as signin_selectors

SEES: dict[str, str] = {
    Role.CASEWORKER: "the office's cases; registers referrals",
    Role.MEDIATOR: "only the cases assigned to them",
    Role.ADMINISTRATOR: "Django admin: offices, users, roles",
}


class Command(BaseCommand):
    help = "Print the demo users and their password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="where the server will answer")
        parser.add_argument("--portal-links", type=int, default=3, help="fresh portal links for this many parties")

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
        self.stdout.write(
            "\nStaff confirm each sign-in with a code. `python manage.py demo_code saksbehandler.oslo` prints the"
            "\ncurrent one; or add a user's secret to an authenticator app (TOTP, 30 s, 6 digits):"
        )
        for person in STAFF:
            device = signin_selectors.app_of(users[person.username]) if person.username in users else None
            if device is not None:
                self.stdout.write(f"  {person.username:<26}{signin_selectors.secret_of(device)}")
        self.stdout.write("")
        self.print_portal_links(options["portal_links"])

    def print_portal_links(self, count: int) -> None:
        """Parties sign in by personal link: make fresh ones (earlier demo links stop working).

        The first two are the parties of a case whose direct messages are open, so both sides of a
        conversation can be tried; then parties of a just-received case, where they write to staff only.
        """
        open_case = Party.objects.filter(case__description=showcases.OPEN).order_by("case__office__code", "id")
        received = Party.objects.filter(case__description=showcases.RECEIVED).order_by("case__office__code", "id")
        others = Party.objects.filter(
            case__status__in=[Status.RECEIVED, Status.PREPARING], date_of_birth__year__lt=2000
        ).order_by("case__office__code", "case_id", "id")
        parties = [*open_case.select_related("case")[:2], *received.select_related("case")[:1]]
        parties += list(others.exclude(pk__in=[p.pk for p in parties]).select_related("case")[: max(count - 3, 0)])
        if not parties:
            return
        self.stdout.write("Party portal — personal sign-in links (each works once; run `make run` again for new ones):")
        for party in parties:
            link = party_services.invite_to_portal(actor=None, participant=Participant(party), send_email=False)
            self.stdout.write(f"  {party.full_name} ({party.case.reference}): {link.url}")
        self.stdout.write("")
