"""Signals the notices app sends after commit, so the e-mail about a notice goes out from the worker."""

from django.dispatch import Signal

# Sent after the transaction that gave staff notices has committed; kwargs: notice_ids, category.
notices_given = Signal()
