"""Signals the dialogue app sends after commit, so the e-mail about a message goes out from the worker."""

from django.dispatch import Signal

# Sent after the transaction that put a message in a party's thread (sent to them, released from
# hold, or written by the staff) has committed; kwargs: message_id, include_guardians.
message_delivered = Signal()
