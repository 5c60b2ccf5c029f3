"""Messages and proposals between the parties of a case, the thread's safety settings, and the
good-faith records parties have made."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SentIsFinal(Exception):
    """A sent message, or the words of a proposal, cannot be changed or deleted."""


class Thread(models.Model):
    """The safety settings of a case's messages; a case without a row has the defaults.

    - `paused`: staff stopped all writing between the parties for now (the messages stay readable).
    - `mediator_only`: a party switched to the mediator-only channel: from then on nobody writes to
      the other party directly, and proposals wait. `mediator_only_party` is who switched; only
      staff see that.
    - `staff_threads_closed`: staff closed the threads between each party and the case's staff
      (they are open by default: a party can always write to the staff of their case).

    Whether the parties may write to each other at all is decided by ``contact.direct_contact``.
    """

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="thread")
    paused = models.BooleanField(default=False)
    mediator_only = models.BooleanField(default=False)
    mediator_only_party = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff_threads_closed = models.BooleanField(default=False)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message thread")

    def __str__(self) -> str:
        return f"thread of {self.case_id}"


class MessageSetting(models.Model):
    """A party's own choices about messages to them.

    - `receives_messages`: off, nobody can write to them directly until they turn it on again.
    - `hold_flagged`: a message to them that the tone check flagged is read by the office first
      (delivered or returned to the writer) instead of shown at once. ``None`` is the default:
      on for the person harmed in a criminal case, off for everybody else.
    """

    party = models.OneToOneField("parties.Party", on_delete=models.CASCADE, related_name="message_setting")
    receives_messages = models.BooleanField(default=True)
    hold_flagged = models.BooleanField(null=True, blank=True)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("message setting")

    def __str__(self) -> str:
        return f"messages {'on' if self.receives_messages else 'off'} for {self.party_id}"


class Channel(models.TextChoices):
    DIRECT = "direct", _("To the other party")
    # Between one party (and their guardians) and the case's staff, in either direction.
    MEDIATOR = "mediator", _("Between a party and the case's staff")


class Message(models.Model):
    """A message, final once sent: a row is created once and never saved again or deleted.

    Two channels:
    - ``direct``: from `sender` (a party, or `sender_guardian` for them) to `recipient`, another party;
    - ``mediator``: between one party and the case's staff, which the other parties never see:
      from a party to the staff (`sender` set, `recipient` empty), or from a member of staff
      (`staff_author`) to a party (`recipient`; their guardians read it with them).

    `sha256` is the hash of `text`, and the message's event payload carries it, so the case's hash
    chain covers the words. The tone check's result is kept as a score and categories, never the
    words it flagged; `sent_after_warning` says the sender saw a warning and chose to send. A
    flagged message may wait for the office first (``MessageHold``).
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="messages")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    sender = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.CASCADE, related_name="sent_messages"
    )
    staff_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sender_guardian = models.ForeignKey(
        "parties.Guardian", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.CASCADE, related_name="received_messages"
    )
    text = models.TextField(_("message"))
    sha256 = models.CharField(max_length=64)
    tone_hostile = models.BooleanField(default=False)
    tone_score = models.FloatField(default=0.0)
    tone_categories = models.JSONField(default=list, blank=True)
    sent_after_warning = models.BooleanField(default=False)
    sent_at = models.DateTimeField()
    event = models.OneToOneField("cases.CaseEvent", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("message")
        indexes = [models.Index(fields=["case", "sent_at", "id"], name="message_case_sent_idx")]

    def __str__(self) -> str:
        return f"message {self.pk} in {self.case_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SentIsFinal("A sent message cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise SentIsFinal("A sent message cannot be deleted.")


class MessageRead(models.Model):
    """Someone the message was for opened it: a party (`party`) or a member of the case's staff (`user`)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reads")
    party = models.ForeignKey("parties.Party", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField()

    class Meta:
        verbose_name = _("read receipt")
        constraints = [
            models.UniqueConstraint(fields=["message", "party"], name="one_read_per_message_party"),
            models.UniqueConstraint(fields=["message", "user"], name="one_read_per_message_user"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} read by {self.party_id or self.user_id}"


class HoldDecision(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    RETURNED = "returned", _("Returned to the writer")


class MessageHold(models.Model):
    """A flagged message waits for the case's staff before its recipient sees it.

    Made when the recipient chose to have flagged messages read by the office first. Staff deliver
    it or return it to the writer with a reason (`decision`), within one working day (`due_at`);
    until then the writer sees it as waiting and the recipient does not see it. Never deleted.
    """

    message = models.OneToOneField(Message, on_delete=models.PROTECT, related_name="hold")
    held_at = models.DateTimeField()
    due_at = models.DateTimeField()
    decision = models.CharField(max_length=20, choices=HoldDecision.choices, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("held message")
        indexes = [models.Index(fields=["decision", "due_at"], name="messagehold_open_idx")]

    def __str__(self) -> str:
        return f"hold of {self.message_id}: {self.decision or 'waiting'}"


class ProposalKind(models.TextChoices):
    ARRANGEMENT = "arrangement", _("A practical arrangement")
    COMMUNICATION = "communication", _("How we communicate")
    PAYMENT = "payment", _("A payment")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COUNTERED = "countered", _("Answered with a counter-proposal")


class Proposal(models.Model):
    """A written proposal from one party to another. Its words are final; only the answer changes.

    A counter-proposal names the proposal it answers (`answers`), which is then ``countered``.
    `carried_into` is the agreement version the mediator added an accepted proposal to.
    """

    FINAL_FIELDS = frozenset({"case", "kind", "proposer", "recipient", "text", "amount", "instalments", "answers"})

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("what it is about"), max_length=20, choices=ProposalKind.choices)
    proposer = models.ForeignKey("parties.Party", on_delete=models.CASCADE, related_name="proposals_made")
    proposer_guardian = models.ForeignKey(
        "parties.Guardian", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey("parties.Party", on_delete=models.CASCADE, related_name="proposals_received")
    text = models.TextField(_("the proposal"))
    amount = models.DecimalField(_("amount (NOK)"), max_digits=10, decimal_places=2, null=True, blank=True)
    instalments = models.PositiveIntegerField(_("instalments"), null=True, blank=True)
    answers = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="counter_proposals"
    )
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    decline_reason = models.TextField(blank=True)
    made_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    carried_into = models.ForeignKey(
        "agreements.AgreementVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["made_at", "id"]
        verbose_name = _("proposal")

    def __str__(self) -> str:
        return f"proposal {self.pk} in {self.case_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (update_fields is None or self.FINAL_FIELDS & set(update_fields)):
            raise SentIsFinal("The words of a proposal cannot be changed; only its answer is saved.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise SentIsFinal("A proposal cannot be deleted.")


class GoodFaithRecord(models.Model):
    """A good-faith record a party made: its code and hash, so Mekle's public page can check a copy.

    `content` is the record itself (see ``goodfaith``), kept so the party can download it again.
    """

    code = models.CharField(max_length=14, unique=True)
    party = models.ForeignKey("parties.Party", on_delete=models.CASCADE, related_name="goodfaith_records")
    record_hash = models.CharField(max_length=64)
    content = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("good-faith record")

    def __str__(self) -> str:
        return self.code


class RecordPdf(models.Model):
    """A PDF of a good-faith record as Mekle rendered it, known by its SHA-256 and nothing else.

    The public page checks the record attached to a PDF against its hashes and Mekle's copy; this
    row tells it, too, that the pages around that record are the ones Mekle rendered (a PDF whose
    visible name was edited keeps a genuine attachment). One row per distinct PDF, for a party's
    record and a journal's alike: it holds no content, so it outlives nothing personal.
    """

    code = models.CharField(max_length=20, db_index=True)
    sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("good-faith record PDF")

    def __str__(self) -> str:
        return f"{self.code} {self.sha256[:12]}"
