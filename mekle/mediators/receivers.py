"""How mediators reacts: cached mediator choices kept true, meetings cancelled by a withdrawal, and
every cancelled or moved meeting's e-mails to its participants' calendars put in the outbox in the
cancelling or moving transaction (so no crash between the commit and a task can lose them), and likewise
the e-mail to a mediator a caseworker took off a case."""

from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from mekle.accounts.models import User
from mekle.cases.models import CaseEvent
from mekle.cases.signals import case_event_recorded
from mekle.mediators import events as mediators_events
from mekle.parties import events as parties_events

from . import services
from .models import Meeting
from .selectors import MEDIATOR_CHOICES_KEY


@receiver(post_save, sender=User, dispatch_uid="mediators.forget_mediator_choices_on_save")
@receiver(post_delete, sender=User, dispatch_uid="mediators.forget_mediator_choices_on_delete")
def forget_mediator_choices(sender: type[User], instance: User, **kwargs: Any) -> None:
    """A user saved or deleted may have joined, left, moved or renamed an office's mediators.

    Signing in saves `last_login` alone, which changes no choice.
    """
    if kwargs.get("update_fields") == frozenset({"last_login"}):
        return
    cache.delete(MEDIATOR_CHOICES_KEY)


@receiver(case_event_recorded, sender=CaseEvent, dispatch_uid="mediators.react_to_case_event")
def react_to_case_event(sender: type[CaseEvent], event: CaseEvent, **kwargs: Any) -> None:
    """A withdrawal (`parties`, below us) cancels the case's meetings in its own transaction, before
    the case closes; any cancelled meeting, however cancelled, and any moved meeting is e-mailed to
    its participants once that transaction has committed."""
    if event.kind == parties_events.CONSENT_WITHDRAWN.name:
        services.cancel_meetings_on_withdrawal(case=event.case, actor=event.actor)
    elif event.kind == mediators_events.MEETING_CANCELLED.name:
        from .tasks import queue_cancellation_emails

        queue_cancellation_emails(Meeting.objects.select_related("case__office").get(pk=event.payload["meeting_id"]))
    elif event.kind == mediators_events.MEETING_MOVED.name:
        from .tasks import queue_moved_emails

        queue_moved_emails(Meeting.objects.select_related("case__office").get(pk=event.payload["meeting_id"]))
    elif event.kind == mediators_events.MEDIATOR_UNASSIGNED.name:
        from .tasks import queue_taken_off_email

        queue_taken_off_email(event)
