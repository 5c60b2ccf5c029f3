"""Signals the agreements app sends after commit, so its documents and follow-up can react."""

from django.dispatch import Signal

# Sent after the transaction that approved a version has committed; kwargs: version.
version_approved = Signal()

# Sent after the transaction that concluded a follow-up (fulfilled or not fulfilled) has committed;
# kwargs: case, version, outcome.
follow_up_concluded = Signal()
