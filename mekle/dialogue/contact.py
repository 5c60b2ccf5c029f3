"""The one rule that opens direct contact between the parties of a case: ``direct_contact``.

Direct messages and proposals between parties are closed until every one of these holds:

1. every party has consented, and every guardian who must consent for a minor;
2. there is no safety concern (the assessment found no known risk and nobody answered "no" or
   "not sure" to feeling safe meeting the other), or the assigned mediator opened direct contact
   with a written reason after a preparatory talk with each party; a concern recorded after that
   opening closes it again;
3. in criminal cases the person harmed (or, for a minor, a guardian) chose direct contact on their
   own portal page;
4. no party has turned direct contact off (messages off, or the mediator-only channel), staff have
   not paused the thread, and the case is open.

The rule is a pure function of the case's type, status and timeline, so it is table-tested without
a database; every door and service asks ``direct_contact_for(case)``. What a party is told is
neutral: what the door waits for before it first opens, and only "not open" once anything closes it.
Staff see every reason, with names.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from mekle.agreements import events as agreements_events  # noqa: F401  (declares fact kinds)
from mekle.cases import events as cases_events
from mekle.cases import lifecycle
from mekle.cases.models import CLOSED_STATUSES, CRIMINAL_CASE_TYPES, Case, CaseEvent, SafetyRisk
from mekle.dialogue import events as dialogue_events
from mekle.mediators import events as mediators_events  # noqa: F401  (declares fact kinds)
from mekle.parties import events as parties_events
from mekle.parties.models import PartyRole

UNSAFE_ANSWERS = frozenset({"no", "unsure"})

# What `fold_contact` reads: the case's facts (every kind that folds into them is declared in
# parties, mediators or agreements, all imported above) and the contact rule's own kinds.
CONTACT_KINDS = (
    *cases_events.fact_kinds(),
    *(
        kind.name
        for kind in (
            cases_events.SUITABILITY_ASSESSED,
            parties_events.PREPARATION_ANSWERS_SAVED,
            dialogue_events.DIRECT_CONTACT_CHOSEN,
            dialogue_events.DIRECT_CONTACT_DECLINED,
            dialogue_events.DIRECT_CONTACT_OPENED,
            dialogue_events.MEDIATOR_CHANNEL_CHOSEN,
            dialogue_events.DIRECT_CHANNEL_RESTORED,
            dialogue_events.MESSAGES_TURNED_OFF,
            dialogue_events.MESSAGES_TURNED_ON,
            dialogue_events.THREAD_PAUSED,
            dialogue_events.THREAD_RESUMED,
        )
    ),
)


@dataclass
class ContactFacts:
    """What the timeline says about direct contact, folded oldest first."""

    case: lifecycle.CaseFacts = field(default_factory=lifecycle.CaseFacts)
    assessed: bool = False
    safety_risk: str = ""
    unsafe_people: set[tuple[int, int | None]] = field(default_factory=set)
    last_concern_sequence: int = 0
    opened_by_staff_sequence: int = 0
    harmed_choice: dict[int, bool] = field(default_factory=dict)
    mediator_only: bool = False
    messages_off: set[int] = field(default_factory=set)
    paused: bool = False

    @property
    def safety_concern(self) -> bool:
        return (self.assessed and self.safety_risk != SafetyRisk.NONE_KNOWN) or bool(self.unsafe_people)

    @property
    def concern_answered_by_staff(self) -> bool:
        return self.opened_by_staff_sequence > self.last_concern_sequence


def fold_contact(events: Iterable[Any]) -> ContactFacts:
    """Replay a case's events (oldest first) into the facts the contact rule reads."""
    events = list(events)
    facts = ContactFacts(case=lifecycle.fold_facts(events, kinds=cases_events.EVENT_KINDS))
    for event in events:
        _apply(facts, event.kind, event.payload, event.sequence)
    return facts


def _apply(facts: ContactFacts, kind: str, p: dict[str, Any], sequence: int) -> None:  # noqa: C901 — one branch a kind
    concern_before = facts.safety_concern, set(facts.unsafe_people), facts.safety_risk
    if kind == cases_events.SUITABILITY_ASSESSED.name:
        facts.assessed = True
        facts.safety_risk = p.get("safety_risk", "")
    elif kind == parties_events.PREPARATION_ANSWERS_SAVED.name:
        person = (p["party_id"], p.get("guardian_id"))
        if p.get("feels_safe") in UNSAFE_ANSWERS:
            facts.unsafe_people.add(person)
        else:
            facts.unsafe_people.discard(person)
    elif kind == dialogue_events.DIRECT_CONTACT_OPENED.name:
        facts.opened_by_staff_sequence = sequence
    elif kind in (dialogue_events.DIRECT_CONTACT_CHOSEN.name, dialogue_events.DIRECT_CONTACT_DECLINED.name):
        facts.harmed_choice[p["party_id"]] = kind == dialogue_events.DIRECT_CONTACT_CHOSEN.name
    elif kind in (dialogue_events.MEDIATOR_CHANNEL_CHOSEN.name, dialogue_events.DIRECT_CHANNEL_RESTORED.name):
        facts.mediator_only = kind == dialogue_events.MEDIATOR_CHANNEL_CHOSEN.name
    elif kind == dialogue_events.MESSAGES_TURNED_OFF.name:
        facts.messages_off.add(p["party_id"])
    elif kind == dialogue_events.MESSAGES_TURNED_ON.name:
        facts.messages_off.discard(p["party_id"])
    elif kind in (dialogue_events.THREAD_PAUSED.name, dialogue_events.THREAD_RESUMED.name):
        facts.paused = kind == dialogue_events.THREAD_PAUSED.name
    if _concern_grew(concern_before, facts):
        facts.last_concern_sequence = sequence


def _concern_grew(before: tuple[bool, set[tuple[int, int | None]], str], facts: ContactFacts) -> bool:
    was_concern, unsafe_before, risk_before = before
    if not facts.safety_concern:
        return False
    return not was_concern or bool(facts.unsafe_people - unsafe_before) or facts.safety_risk != risk_before


def harmed_party_ids(case_type: str, facts: lifecycle.CaseFacts) -> list[int]:
    """Who must choose direct contact themselves: the person harmed in a criminal case.

    That is every party registered as victim; a criminal case with none registered treats every
    party who is not the offender as harmed, so nobody is left without the choice.
    """
    if case_type not in CRIMINAL_CASE_TYPES:
        return []
    victims = [pid for pid, party in facts.parties.items() if party.role == PartyRole.VICTIM]
    return victims or [pid for pid, party in facts.parties.items() if party.role != PartyRole.OFFENDER]


@dataclass(frozen=True)
class DirectContact:
    """Whether direct contact is open; why not, for the parties (neutral) and for staff (in full)."""

    is_open: bool
    waiting_for: list[str]
    staff_reasons: list[str]
    harmed_party_ids: frozenset[int]
    # A minor harmed party with a guardian registered: the guardian makes the choice for them.
    guardian_chooses: frozenset[int]
    harmed_choice: dict[int, bool]
    safety_concern: bool
    opened_by_staff: bool

    def refusal(self) -> lifecycle.GuardError:
        return lifecycle.GuardError(self.waiting_for or [not_open_sentence()])

    def ensure_open(self) -> None:
        if not self.is_open:
            raise self.refusal()

    def may_choose(self, party_id: int, *, as_guardian: bool = False) -> bool:
        """Whether this person decides on direct contact: the person harmed, or a guardian for a minor."""
        if party_id not in self.harmed_party_ids:
            return False
        return as_guardian or party_id not in self.guardian_chooses


def not_open_sentence() -> str:
    return _("Direct messages are not open in this case.")


def harmed_waiting_sentence() -> str:
    return _("Direct messages open only if the person harmed chooses them.")


def direct_contact(case_type: str, status: str, facts: ContactFacts) -> DirectContact:
    """The rule itself (see the module's docstring): a pure function of the case and its folded timeline."""
    staff: list[str] = []
    waiting: list[str] = []
    closed = False
    consent = lifecycle.every_party_consented(facts.case) + lifecycle.every_guardian_consented(facts.case)
    if not facts.case.parties:
        consent = [_("The case has no parties yet.")]
    if consent:
        staff += consent
        waiting.append(_("Direct messages open when everyone has agreed to take part."))
    if not facts.assessed:
        staff.append(_("The case has not been assessed yet."))
        waiting.append(_("Direct messages open when the office has assessed the case and talked with each of you."))
    elif facts.safety_concern and not facts.concern_answered_by_staff:
        staff += _safety_reasons(facts)
        closed = True
    harmed = harmed_party_ids(case_type, facts.case)
    undecided = [pid for pid in harmed if facts.harmed_choice.get(pid) is None]
    declined = [pid for pid in harmed if facts.harmed_choice.get(pid) is False]
    for pid in undecided + declined:
        name = facts.case.parties[pid].name
        if pid in declined:
            staff.append(_("%(name)s has not chosen direct contact.") % {"name": name})
        else:
            staff.append(_("%(name)s, the person harmed, has not chosen direct contact yet.") % {"name": name})
    if undecided and not declined:
        waiting.append(harmed_waiting_sentence())
    closed = closed or bool(declined)
    switches = _switch_reasons(status, facts)
    staff += switches
    closed = closed or bool(switches)
    is_open = not staff
    return DirectContact(
        is_open=is_open,
        waiting_for=[] if is_open or closed else waiting,
        staff_reasons=staff,
        harmed_party_ids=frozenset(harmed),
        guardian_chooses=frozenset(
            pid for pid in harmed if facts.case.parties[pid].minor and facts.case.parties[pid].guardians
        ),
        harmed_choice=dict(facts.harmed_choice),
        safety_concern=facts.safety_concern,
        opened_by_staff=facts.safety_concern and facts.concern_answered_by_staff,
    )


def _safety_reasons(facts: ContactFacts) -> list[str]:
    reasons = []
    if facts.safety_risk and facts.safety_risk != SafetyRisk.NONE_KNOWN:
        reasons.append(
            _("The assessment recorded a safety risk (%(risk)s).") % {"risk": SafetyRisk(facts.safety_risk).label}
        )
    for party_id, guardian_id in sorted(facts.unsafe_people, key=lambda person: (person[0], person[1] or 0)):
        party = facts.case.parties.get(party_id)
        if party is None:
            continue
        name = party.guardians.get(guardian_id, party.name) if guardian_id else party.name
        reasons.append(_("%(name)s does not feel safe meeting the other party, or is not sure.") % {"name": name})
    reasons.append(_("The mediator can open direct contact with a written reason after talking with each party."))
    return reasons


def _switch_reasons(status: str, facts: ContactFacts) -> list[str]:
    reasons = []
    if status in CLOSED_STATUSES:
        reasons.append(_("The case is closed."))
    if facts.paused:
        reasons.append(_("Staff have paused messages and proposals."))
    if facts.mediator_only:
        reasons.append(_("A party chose to write only through the mediator."))
    for party_id in sorted(facts.messages_off):
        if party := facts.case.parties.get(party_id):
            reasons.append(_("%(name)s has turned messages off.") % {"name": party.name})
    return reasons


def contact_facts_for(case: Case) -> ContactFacts:
    events = CaseEvent.objects.filter(case=case, kind__in=CONTACT_KINDS).order_by("sequence")
    return fold_contact(events.only("kind", "payload", "sequence"))


def direct_contact_for(case: Case) -> DirectContact:
    """The contact rule for a case as it stands now (one query over its timeline)."""
    return direct_contact(case.case_type, case.status, contact_facts_for(case))
