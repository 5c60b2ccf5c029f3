"""Enqueue every unsent follow-up reminder that has no task waiting (the worker's sweep does it too)."""

from typing import Any

from django.core.management.base import BaseCommand

from mekle.agreements.tasks import requeue_reminders


class Command(BaseCommand):
    help = "Enqueue unsent follow-up reminders whose task was lost (a worker stopped mid-task)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Reminders enqueued again: {requeue_reminders()}")
