"""Send every outcome webhook that is due: catches up after a worker was stopped with retries queued."""

from typing import Any

from django.core.management.base import BaseCommand

from mekle.lib import clock
from mekle.referrals.services import outcomes


class Command(BaseCommand):
    help = "Send the outcome webhooks that are due now."

    def handle(self, *args: Any, **options: Any) -> None:
        due = outcomes.due_deliveries(clock.now())
        for delivery_id in due:
            outcomes.attempt_delivery(delivery_id=delivery_id)
        self.stdout.write(f"{len(due)} due")
