"""Write a signed checkpoint of every case's chain head, outside the database (on demand; the worker does it daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from mekle.cases.checkpoints import write_checkpoint


class Command(BaseCommand):
    help = "Write a signed checkpoint of every case timeline's newest event to the checkpoint directory."

    def handle(self, *args: Any, **options: Any) -> None:
        path = write_checkpoint()
        self.stdout.write(f"Checkpoint written: {path}")
