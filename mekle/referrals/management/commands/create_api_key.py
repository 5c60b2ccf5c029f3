"""Create a referring organisation (if new) and an API key for it; prints the key once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mekle.accounts.models import Office
from mekle.cases.models import CaseType, ReferrerKind
from mekle.referrals.models import ReferrerOrganisation
from mekle.referrals.services import api_keys


class Command(BaseCommand):
    help = "Create an API key for a referring organisation (created if new). The key is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The organisation's name, e.g. 'Oslo politidistrikt'.")
        parser.add_argument("--kind", choices=ReferrerKind.values, default=ReferrerKind.POLICE)
        parser.add_argument("--office", action="append", required=True, help="An office code (repeat for more).")
        parser.add_argument("--case-type", action="append", choices=CaseType.values, required=True)
        parser.add_argument("--webhook-url", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        offices = list(Office.objects.filter(code__in=options["office"]))
        missing = set(options["office"]) - {office.code for office in offices}
        if missing:
            raise CommandError(f"No office with code {', '.join(sorted(missing))}")
        organisation, _created = ReferrerOrganisation.objects.get_or_create(
            name=options["organisation"], defaults={"kind": options["kind"], "webhook_url": options["webhook_url"]}
        )
        issued = api_keys.issue_api_key(organisation=organisation, offices=offices, case_types=options["case_type"])
        self.stdout.write(f"API key (shown once): {issued.secret}")
        self.stdout.write(f"Webhook secret: {organisation.webhook_secret}")
