"""Sent after commit when e-mails were queued (`email_ids`): the receiver hands them to the worker."""

from django.dispatch import Signal

emails_queued = Signal()
