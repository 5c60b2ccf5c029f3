"""The outbox of e-mails and the workers' heartbeats (the leases that let a dead worker's task run again)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A running worker process: `seen_at` is renewed every `MEKLE_WORKER_HEARTBEAT_SECONDS`.

    A task RUNNING under a worker whose heartbeat is older than `MEKLE_TASK_LEASE_SECONDS` (or which
    has none) was claimed by a process that died: the sweep sets it READY again.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxEmail(models.Model):
    """An e-mail to send, written in the same transaction as the change that caused it.

    `id` is its stable identity: the Message-ID is ``<id@domain>`` on every attempt, so a receiver
    (or a mail server) that got it twice can tell. A send claims the row for `claimed_until`
    (committed before the SMTP call), sends, then records `sent_at` in a transaction of its own,
    retried if that commit fails: a recorded send is never repeated. Only a crash between the
    server's acceptance and that record can cause one repeat, with the same Message-ID, once the
    claim has run out. Once sent, the body (text and HTML), the addresses and the attachments are
    blanked: the body may hold a sign-in link, an address is personal, and none is needed again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.CharField(max_length=60, help_text="What queued it, e.g. agreements.reminder.")
    # What it is about within `source` (a notice's id, "meeting 7 to a@example.no"): a task run twice
    # queues it once. Blank: no such key.
    key = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=998)
    body = models.TextField()
    # The HTML alternative of `body` (text/html), blank for a plain-text e-mail; blanked with it once sent.
    html_body = models.TextField(blank=True, default="")
    from_email = models.CharField(max_length=320, blank=True)
    to = models.JSONField(default=list)
    # [[filename, text, mimetype], ...]: text attachments (a calendar cancellation).
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("outbox e-mail")
        verbose_name_plural = _("outbox e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_email_due_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "key"], condition=~models.Q(key=""), name="one_outbox_email_per_source_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.id} ({self.status})"
