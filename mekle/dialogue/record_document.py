"""How a good-faith record reads as a PDF, for someone outside Mekle (a child-welfare caseworker, a judge).

Presentation only: the record itself (``goodfaith``) and its hashes are not touched. Each entry gets
a name in words and a one-sentence explanation in the document's language, its details are told
from its kind and payload (not the summary, which is in the language the record was made in), and
a proposal of the person's shows how the other side had answered it by the record's date (from
`RecordSetting`, which the selectors fill in from the case). The hashes go to an appendix.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mekle.lib.money import money

from . import links


@dataclass(frozen=True)
class RecordSetting:
    """What the PDF says around the record, from Mekle's copy of the case; none of it is hashed."""

    office: str = ""  # the office's name; "" for a journal's record
    # A proposal of the person's (by its case event's hash) → how the other side had answered it by
    # the record's date: "accepted", "declined", "countered" or "open".
    answers: dict[str, str] = field(default_factory=dict)


# Each kind of entry: its name and what it means, in one sentence.
KINDS: dict[str, tuple[Promise, Promise]] = {
    "proposal_made": (
        gettext_lazy("Written proposal"),
        gettext_lazy("A concrete proposal this person wrote to the other party, in their own words."),
    ),
    "proposal_accepted": (
        gettext_lazy("Answer to a proposal"),
        gettext_lazy("This person's answer to a written proposal from the other party."),
    ),
    "message_sent": (
        gettext_lazy("Message"),
        gettext_lazy("A message this person wrote in Mekle. Its words are not shown; the result of the tone check is."),
    ),
    "consent_given": (
        gettext_lazy("Consent"),
        gettext_lazy("This person agreed to take part in mediation."),
    ),
    "meeting_held": (
        gettext_lazy("Meeting"),
        gettext_lazy("A mediation meeting with a mediator was held in the case."),
    ),
    "agreement_signed": (
        gettext_lazy("Signature"),
        gettext_lazy("This person signed the written agreement from the mediation."),
    ),
    "commitment_checked": (
        gettext_lazy("Commitment kept"),
        gettext_lazy("The office recorded that this person did what they had promised in the agreement."),
    ),
    "journal_proposal": (
        gettext_lazy("Written proposal"),
        gettext_lazy("A concrete proposal this person wrote to the other party, in their own words."),
    ),
    "journal_answer": (
        gettext_lazy("Answer from the other parent"),
        gettext_lazy("What the other parent answered to a proposal, as they wrote it."),
    ),
    "journal_message": (
        gettext_lazy("Message"),
        gettext_lazy("A message this person noted in their cooperation journal."),
    ),
    "journal_call": (
        gettext_lazy("Phone call"),
        gettext_lazy("A note this person made of a phone call with the other parent."),
    ),
    "journal_meeting": (
        gettext_lazy("Meeting"),
        gettext_lazy("A meeting this person noted that they attended."),
    ),
    "journal_mediation_offer": (
        gettext_lazy("Attempt to calm the conflict"),
        gettext_lazy("This person offered the other parent to settle the disagreement with help from a mediator."),
    ),
    "journal_correction": (
        gettext_lazy("Correction"),
        gettext_lazy("This person corrected an earlier entry; the earlier entry is still shown as it was."),
    ),
}
# A decline and a counter-proposal are answers too.
KINDS["proposal_declined"] = KINDS["proposal_countered"] = KINDS["proposal_accepted"]

ANSWERS = {
    "accepted": gettext_lazy("Accepted"),
    "declined": gettext_lazy("Declined"),
    "countered": gettext_lazy("Answered with a counter-proposal"),
    "open": gettext_lazy("No answer by the date of the record"),
}

# The tone check's categories, with the words the staff pages use (services.messages.CATEGORY_LABELS).
TONE_CATEGORIES = {
    "insult": gettext_lazy("insult"),
    "threat": gettext_lazy("threat"),
    "blame": gettext_lazy("blame"),
    "contempt": gettext_lazy("contempt"),
    "shouting": gettext_lazy("shouting"),
    "ultimatum": gettext_lazy("ultimatum"),
    "profanity": gettext_lazy("profanity"),
}


def document_context(record: dict[str, Any], setting: RecordSetting | None = None) -> dict[str, Any]:
    """What the PDF shows, in the active language: the record's fields, each entry in words, the
    meanings of the kinds it holds, and the hashes for the appendix."""
    setting = setting or RecordSetting()
    rows = [_row(event, setting) for event in record["events"]]
    kinds = []
    for event in record["events"]:
        label, meaning = KINDS.get(event["kind"], (None, None))
        if label is not None and (label, meaning) not in kinds:
            kinds.append((label, meaning))
    return {
        "record": record,
        "rows": rows,
        "kinds": [{"label": label, "meaning": meaning} for label, meaning in kinds],
        "shows_answers": any(row["answer"] for row in rows),
        "office": setting.office,
        "check_url": links.check_record_url(),
        "generated_at": parse_datetime(record["generated_at"]),
    }


def _row(event: dict[str, Any], setting: RecordSetting) -> dict[str, Any]:
    label = KINDS.get(event["kind"], (None, None))[0]
    payload = event.get("payload") or {}
    answer = ""
    if event["kind"] == "proposal_made" and setting.answers:
        answer = str(ANSWERS[setting.answers.get(event.get("case_event_hash", ""), "open")])
    return {
        "sequence": event["sequence"],
        "when": parse_datetime(event["occurred_at"]),
        "label": str(label) if label is not None else event["summary"],
        "details": _details(event["kind"], payload, event["summary"]),
        "quote": str(payload.get("text", "") or ""),
        "amount": _amount(payload),
        "reason": str(payload.get("reason", "") or ""),
        "tone": _tone(payload.get("tone")),
        "answer": answer,
        "hash": event["hash"],
    }


def _details(kind: str, payload: dict[str, Any], summary: str) -> str:
    """The entry told from its kind and payload, in the document's language; else the record's own summary."""
    match kind:
        case "proposal_made" | "journal_proposal":
            return ""  # the proposal's own words say it
        case "proposal_accepted":
            return _("Accepted a proposal")
        case "proposal_declined":
            return _("Declined a proposal")
        case "proposal_countered":
            return _("Answered a proposal with a counter-proposal")
        case "message_sent":
            to_mediator = payload.get("channel") == "mediator"
            return _("Sent a message to the mediator") if to_mediator else _("Sent a message to the other party")
        case "consent_given":
            return _("Agreed to take part in mediation")
        case "meeting_held":
            return _("A mediation meeting was held in the case")
        case "agreement_signed" if "number" in payload:
            return _("Signed agreement version %(number)s") % {"number": payload["number"]}
        case "commitment_checked" if "position" in payload:
            return _("Kept commitment %(position)s of the agreement") % {"position": payload["position"]}
    return summary


def _amount(payload: dict[str, Any]) -> str:
    if not payload.get("amount"):
        return ""
    amount = money(payload["amount"])
    instalments = payload.get("instalments")
    if isinstance(instalments, int) and instalments > 1:
        return ngettext("%(amount)s in one payment.", "%(amount)s in %(instalments)s instalments.", instalments) % {
            "amount": amount,
            "instalments": instalments,
        }
    return amount


def _tone(tone: Any) -> str:
    if not isinstance(tone, dict):
        return ""
    if not tone.get("hostile"):
        return _("Tone check: no warning")
    categories = [str(TONE_CATEGORIES.get(c, c)) for c in tone.get("categories", [])]
    warned = _("Tone check: the sender was warned before sending")
    return f"{warned} ({', '.join(categories)})" if categories else warned
