"""Signals the parties app sends after commit, so its e-mails go out from the worker."""

from django.dispatch import Signal

# Sent after the transaction that made a portal invitation with an e-mail address has committed;
# kwargs: invitation_id.
invitation_made = Signal()
