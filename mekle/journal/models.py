"""A parent's cooperation journal outside any case: its entries (hash-chained), proposals, links and shares."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Journal(models.Model):
    """The cooperation journal of one parent (a user with role ``journal``): one per account.

    `code` names the journal in its hash chain and in exports (``J-7KQ2-M9XD``); it is not a secret
    and not a way in.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="journal"
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("cooperation journal")
        verbose_name_plural = _("cooperation journals")

    def __str__(self) -> str:
        return self.code


class EntryKind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal sent to the other parent")
    ANSWER = "answer", _("Answer from the other parent")
    MESSAGE = "message", _("Message")
    CALL = "call", _("Note of a call")
    MEETING = "meeting", _("Meeting attended")
    MEDIATION_OFFER = "mediation_offer", _("Offer of mediation")
    CORRECTION = "correction", _("Correction")


class JournalEntry(models.Model):
    """One entry in a journal: append-only and hash-chained, like a case's timeline.

    - `sequence`: 1, 2, 3 … within the journal.
    - `kind`: an `EntryKind` (``message``).
    - `occurred_at`: when it was written down.
    - `content`: what it says (``{"text": "…", "happened_on": "2026-03-01"}``); a correction says
      which entry it corrects (``{"corrects": 4, "text": "…"}``). Never an e-mail address.
    - `prev_hash`: the `hash` of the entry before it ("" for the first).
    - `hash`: SHA-256 over the canonical JSON of the journal's code and all of the above
      (``mekle.journal.chain``); changing anything afterwards breaks the chain.

    Written only by ``mekle.journal.services``; corrections are new entries.
    """

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="entries")
    sequence = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    occurred_at = models.DateTimeField()
    content = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["journal", "sequence"]
        constraints = [models.UniqueConstraint(fields=["journal", "sequence"], name="one_entry_per_journal_sequence")]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self) -> str:
        return f"{self.journal_id}#{self.sequence} {self.kind}"


class AnswerChoice(models.TextChoices):
    ACCEPT = "accept", _("Yes, I accept")
    DECLINE = "decline", _("No, I decline")
    COUNTER = "counter", _("I suggest something else")


class Proposal(models.Model):
    """The answer link of a proposal entry: the other parent answers once, without an account.

    `sent_to` holds the other parent's address only until the e-mail has gone; it is then emptied,
    and it is never shown to the journal's owner. `answer_entry` is the journal entry the answer
    became.
    """

    entry = models.OneToOneField(JournalEntry, on_delete=models.CASCADE, related_name="proposal")
    sent_to = models.EmailField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_entry = models.OneToOneField(
        JournalEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="answer_to"
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return f"proposal {self.pk}"

    def is_open_at(self, moment: dt.datetime) -> bool:
        return self.answered_at is None and moment < self.expires_at


class SignInLink(models.Model):
    """A one-time sign-in link e-mailed to a journal's owner; a newer link stops the older ones."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("journal sign-in link")
        verbose_name_plural = _("journal sign-in links")

    def __str__(self) -> str:
        return f"sign-in link {self.pk}"

    def is_active_at(self, moment: dt.datetime) -> bool:
        return self.used_at is None and self.revoked_at is None and moment < self.expires_at


class JournalShare(models.Model):
    """Entries a parent chose to share with the case their request for mediation opened.

    `entries` is a copy of the shared entries as they were (sequence, kind, occurred_at, content,
    prev_hash, hash), so the case keeps them under its archive rules when the journal is deleted;
    the case's ``journal_shared`` event carries the same hashes.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="journal_shares")
    journal = models.ForeignKey(Journal, null=True, blank=True, on_delete=models.SET_NULL, related_name="shares")
    journal_code = models.CharField(max_length=20)
    shared_at = models.DateTimeField()
    entries = models.JSONField(default=list)

    class Meta:
        verbose_name = _("shared journal")
        verbose_name_plural = _("shared journals")

    def __str__(self) -> str:
        return f"{self.journal_code} → {self.case_id}"


class JournalRecord(models.Model):
    """An exported good-faith record of a journal: its code and hash, so Mekle's public page can check a copy.

    Deleted with the journal: once the parent has deleted their data, Mekle no longer vouches for it.
    """

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="records")
    code = models.CharField(max_length=20, unique=True)
    record_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.code
