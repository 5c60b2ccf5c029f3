"""The outbox: e-mails queued with the change that causes them, sent once, recorded before a send counts.

The protocol, for an e-mail here and for an outcome webhook (mekle.referrals), is the same:

1. *queue*: the row is written in the transaction of the change that caused it (rolled back with it);
2. *claim*: a compare-and-set UPDATE (pending, not claimed or claim run out) claims the row for
   `MEKLE_OUTBOX_CLAIM_SECONDS` and commits, so no other worker sends it meanwhile, and no lock is
   held during the network call;
3. *send*, with the row's stable id (Message-ID ``<id@domain>``, a webhook's ``id``);
4. *record* the result in a transaction of its own; if that commit fails, it is tried again
   (`record_with_retry`) and the send is not repeated. Once recorded "sent", nothing sends it again.

The one window: the process dies between the receiver's acceptance (3) and the record (4). Then the
claim runs out and the sweep sends it once more, with the same id, so the receiver can tell.
"""

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import DatabaseError, transaction
from django.db.models import Q

from mekle.lib import clock

from .models import EmailStatus, OutboxEmail
from .pause import pause_point
from .signals import emails_queued

logger = logging.getLogger(__name__)

T = TypeVar("T")


def queue_emails(
    messages: Iterable[EmailMessage],
    *,
    source: str,
    keys: Sequence[str] | None = None,
    hand_to_worker: bool = True,
) -> list[OutboxEmail]:
    """Write one outbox row per message; call inside the transaction of the change that causes them.

    With `keys` (one per message), a message whose (source, key) is already in the outbox is not
    queued again: a task that runs twice sends once. Returns the rows written now.

    After commit, `emails_queued` hands them to the worker (mekle.outbox.receivers); a task that
    will send them itself right after its commit (`mekle.outbox.tasks.send_queued`) passes ``hand_to_worker=False``.
    """
    now = clock.now()
    messages = list(messages)
    keys = list(keys) if keys is not None else [""] * len(messages)
    if len(keys) != len(messages):
        raise ValueError("one key per message")
    taken = set(
        OutboxEmail.objects.filter(source=source, key__in=[key for key in keys if key]).values_list("key", flat=True)
    )
    rows = [
        OutboxEmail.objects.create(
            source=source,
            key=key,
            subject=str(message.subject),
            body=str(message.body),
            html_body=_html_alternative(message),
            from_email=message.from_email or "",
            to=list(message.to),
            attachments=[_attachment(item) for item in message.attachments],
            created_at=now,
        )
        for message, key in zip(messages, keys, strict=True)
        if not key or key not in taken
    ]
    if rows and hand_to_worker:
        ids = [row.pk for row in rows]
        transaction.on_commit(lambda: emails_queued.send(sender=OutboxEmail, email_ids=ids))
    return rows


def _html_alternative(message: EmailMessage) -> str:
    """The HTML part of a message with alternatives; the outbox keeps that one alternative only."""
    alternatives = list(getattr(message, "alternatives", []))
    if any(mimetype != "text/html" for _content, mimetype in alternatives) or len(alternatives) > 1:
        raise TypeError("the outbox keeps one text/html alternative only")
    return str(alternatives[0][0]) if alternatives else ""


def _attachment(item: Any) -> list[str]:
    filename, content, mimetype = item
    if not isinstance(content, str):
        raise TypeError("the outbox keeps text attachments only")
    return [filename, content, mimetype]


def message_id(email: OutboxEmail) -> str:
    return f"<{email.pk}@{settings.MEKLE_MESSAGE_ID_DOMAIN}>"


def email_message(email: OutboxEmail) -> EmailMessage:
    """The row as the message to send: plain text, with its HTML alternative if it has one."""
    message = EmailMultiAlternatives(
        email.subject,
        email.body,
        email.from_email or None,
        list(email.to),
        headers={"Message-ID": message_id(email)},
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for filename, content, mimetype in email.attachments:
        message.attach(filename, content, mimetype)
    return message


def claimable(now: dt.datetime) -> Q:
    """Rows nobody holds: never claimed, or the claim ran out (its sender died)."""
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


def record_with_retry(record: Callable[[], T], *, what: str) -> T:
    """Run `record` in a transaction; if the database refuses (a lost connection, a failed commit), try
    again a few times: the effect it records already happened and must not happen again."""
    delays = settings.MEKLE_OUTBOX_RECORD_RETRY_DELAYS
    for delay in [*delays, None]:
        try:
            with transaction.atomic():
                return record()
        except DatabaseError as error:
            if delay is None:
                logger.error("could not record %s: %r", what, error)
                raise
            logger.warning("could not record %s, trying again in %ss: %r", what, delay, error)
            time.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def retry_delay(attempts: int) -> dt.timedelta:
    """1, 2, 4 … minutes, doubling, at most 6 hours between attempts."""
    return dt.timedelta(minutes=min(2 ** (attempts - 1), 6 * 60))


def deliver_email(*, email_id: UUID | str) -> OutboxEmail | None:
    """Claim, send and record one e-mail (see the module docstring). None if somebody else has it or it is done."""
    now = clock.now()
    claimed = (
        OutboxEmail.objects.filter(claimable(now), pk=email_id, status=EmailStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(claimed_until=now + dt.timedelta(seconds=settings.MEKLE_OUTBOX_CLAIM_SECONDS))
    )
    if not claimed:
        return None
    email = OutboxEmail.objects.get(pk=email_id)
    pause_point("email.before_send")
    try:
        get_connection(fail_silently=False).send_messages([email_message(email)])
        error = ""
    except Exception as exc:  # noqa: BLE001  (a refused connection, a timeout, a rejected recipient: retried)
        error = repr(exc)[:300]
    pause_point("email.after_send")

    email.attempts += 1
    email.claimed_until = None
    if not error:
        email.status, email.sent_at, email.last_error, email.next_attempt_at = EmailStatus.SENT, clock.now(), "", None
        # Never sent again, so forget what it need not keep: a sign-in link in the body (either part), and the
        # address (a journal's other parent's address is kept nowhere once told).
        email.body, email.html_body, email.to, email.attachments = "", "", [], []
    elif email.attempts >= settings.MEKLE_EMAIL_MAX_ATTEMPTS:
        email.status, email.last_error, email.next_attempt_at = EmailStatus.FAILED, error, None
        logger.error("e-mail %s (%s) failed for good: %s", email.pk, email.source, error)
    else:
        email.last_error, email.next_attempt_at = error, clock.now() + retry_delay(email.attempts)

    def record() -> OutboxEmail:
        email.save(
            update_fields=[
                *["attempts", "claimed_until", "status", "sent_at", "last_error", "next_attempt_at"],
                *["body", "html_body", "to", "attachments"],
            ]
        )
        return email

    return record_with_retry(record, what=f"e-mail {email.pk}")


def due_emails(now: dt.datetime) -> list[UUID]:
    """Pending e-mails nobody holds whose next attempt is due: for the sweep."""
    return list(
        OutboxEmail.objects.filter(claimable(now), status=EmailStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .values_list("pk", flat=True)
    )
