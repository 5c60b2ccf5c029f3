"""Background work for the people in a case: e-mail that must not hold up a page."""

from django.db import transaction
from django.utils import translation
from django_tasks import task

from mekle.accounts.models import Office
from mekle.accounts.services import forget_old_allowances
from mekle.lib import clock
from mekle.outbox import queue
from mekle.outbox import services as outbox
from mekle.outbox import tasks as outbox_tasks
from mekle.outbox.compose import compose

from . import reminders
from .links import invitation_url, new_link_url, portal_home_url
from .models import Language, PortalInvitation


@task()
def send_invitation_email(*, invitation_id: int) -> bool:
    """E-mail a personal sign-in link, in the person's language, once.

    The token is made here, not passed in, so no sign-in secret is stored in the task queue (the
    outbox row holds it until it is sent, then forgets the body). The e-mail is queued in the
    outbox in the transaction that sets `emailed_at`: a retry finds it set and queues nothing.
    """
    with transaction.atomic():
        invitation = (
            PortalInvitation.objects.select_for_update(of=("self",))
            .select_related("party__case__office", "guardian", "user")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.emailed_at is not None or not invitation.sent_to:
            return False
        if invitation.state_at(clock.now()) != "active":
            return False
        language = invitation.guardian.language if invitation.guardian else invitation.party.preferred_language
        with translation.override(language if language != Language.OTHER else "nb"):
            context = {"invitation": invitation, "url": invitation_url(invitation), "new_link_url": new_link_url()}
            message = compose(
                "parties/email/invitation", context, to=[invitation.sent_to], office=invitation.party.case.office
            )
        emails = outbox.queue_emails(
            [message],
            source="parties.invitation",
            keys=[str(invitation.pk)],
            hand_to_worker=False,
        )
        invitation.emailed_at = clock.now()
        invitation.save(update_fields=["emailed_at"])
    outbox_tasks.send_queued(emails)
    return True


@task()
def send_requested_links(*, email: str) -> int:
    """Somebody asked for a new sign-in link at `email`: here, not in the page, so that the page
    takes as long whether or not the address is known. Returns how many links went out."""
    from .services.portal import request_portal_links  # the services enqueue this task

    forget_old_allowances()
    return len(request_portal_links(email=email))


def ask_for_portal_links(*, email: str) -> None:
    """Queue `send_requested_links` for `email`, so the asking page answers as fast for any address."""
    send_requested_links.enqueue(email=email)


def catch_up_invitations() -> int:
    """Enqueue the e-mail of every working invitation with an address not yet e-mailed and no task
    waiting (its task was lost between the invitation's commit and its enqueue); part of the sweep."""
    now = clock.now()
    waiting = queue.waiting(send_invitation_email, "invitation_id")
    pending = PortalInvitation.objects.filter(
        emailed_at__isnull=True, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).exclude(sent_to="")
    due = [pk for pk in pending.exclude(pk__in=waiting).values_list("pk", flat=True)]
    for invitation_id in due:
        send_invitation_email.enqueue(invitation_id=invitation_id)
    return len(due)


@task()
def send_answer_reminders(*, keys: list[str]) -> int:
    """Remind each person of `keys` who is still due (checked again now) that an answer waits, once.

    Neutral, in the person's language: it names no case and no party, and holds no sign-in link
    (the invitation's may have run out), only where to sign in or ask for a new link.
    """
    messages, queued_keys = [], []
    due_now = reminders.due_reminders(clock.now(), keys=keys)
    offices = Office.objects.in_bulk({due.office_id for due in due_now})
    for due in due_now:
        with translation.override(due.language if due.language != Language.OTHER else Language.BOKMAL):
            context = {"url": portal_home_url(), "new_link_url": new_link_url()}
            message = compose(
                "parties/email/answer_reminder", context, to=[due.address], office=offices.get(due.office_id)
            )
        messages.append(message)
        queued_keys.append(due.key)
    with transaction.atomic():  # one reminder per person, however often this task runs
        emails = outbox.queue_emails(messages, source=reminders.ANSWER_REMINDER, keys=queued_keys, hand_to_worker=False)
    outbox_tasks.send_queued(emails)
    return len(emails)


def catch_up_answer_reminders() -> int:
    """Enqueue one task for everyone invited a week ago or more who has not answered, not reminded yet and
    not already waiting; part of the worker's sweep. A fixed number of queries, however many are due."""
    waiting = queue.waiting(send_answer_reminders, "keys")
    due = [reminder.key for reminder in reminders.due_reminders(clock.now()) if reminder.key not in waiting]
    if due:
        send_answer_reminders.enqueue(keys=due)
    return len(due)
