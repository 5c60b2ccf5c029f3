"""Signals the agreements app sends after commit, so its documents and follow-up can react."""

from django.dispatch import Signal

# Sent after the transaction that approved a version has committed; kwargs: version.
version_approved = Signal()
