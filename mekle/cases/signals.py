"""Signals the cases app sends, so higher apps can react without `cases` importing them."""

from django.dispatch import Signal

# Sent inside the transaction that recorded an event, right after it is written; kwargs: event.
# A receiver that writes (an outbox row) joins the same transaction: both are kept or neither.
case_event_recorded = Signal()
