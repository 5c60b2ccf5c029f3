"""Who may see and do what with a case: the apps' own rules, composed once for every door."""

from mekle.accounts.models import Role
from mekle.accounts.types import Actor
from mekle.agreements import rules as agreement_rules
from mekle.agreements.models import AgreementVersion
from mekle.cases.models import Case
from mekle.cases.rules import is_office_caseworker
from mekle.dialogue import rules as dialogue_rules
from mekle.dialogue.models import Message, Proposal
from mekle.journal import rules as journal_rules
from mekle.journal.models import Journal
from mekle.mediators.rules import is_assigned_mediator
from mekle.notices import rules as notice_rules
from mekle.notices.models import StaffNotice
from mekle.parties.models import Party
from mekle.parties.participants import Participant


def can_view_case(user: Actor, case: Case) -> bool:
    """The office's caseworkers and the mediators assigned to the case."""
    return is_office_caseworker(user, case) or is_assigned_mediator(user, case)


def can_manage_case(user: Actor, case: Case) -> bool:
    """Register parties, assess suitability, record consent, assign mediators, conclude follow-up."""
    return is_office_caseworker(user, case)


def can_work_on_case(user: Actor, case: Case) -> bool:
    """Preparatory talks, meetings, withdrawals and ties: the caseworkers and the assigned mediators."""
    return can_view_case(user, case)


def can_end_portal_access(user: Actor, case: Case) -> bool:
    """End a party's or guardian's portal access at once: the caseworkers and the assigned mediators,
    since whoever works with the people may be the first to learn that access is unsafe."""
    return can_work_on_case(user, case)


def can_register_referral(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_caseworker", False))


def can_use_workspace(user: Actor) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.office_id and user.role in (Role.CASEWORKER, Role.MEDIATOR)
    )


def can_use_portal(user: Actor) -> bool:
    """Parties and guardians signed in to the portal; staff use the workspace instead."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.PARTY)


def can_use_journal(user: Actor) -> bool:
    """Parents with a journal account; portal users, staff and visitors are not, even with the same e-mail."""
    return journal_rules.is_journal_keeper(user)


def can_read_journal(user: Actor, journal: Journal) -> bool:
    """Only the journal's owner: no staff role reads a journal until its owner shares entries with a case."""
    return journal_rules.owns_journal(user, journal)


def can_draft_agreement(user: Actor, case: Case) -> bool:
    """Write, send for signing, revise, and record signatures given on paper."""
    return agreement_rules.can_draft(user, case)


def can_approve_agreement(user: Actor, case: Case) -> bool:
    """Approve or refuse approval: the assigned mediator."""
    return agreement_rules.can_approve(user, case)


def can_sign_agreement(user: Actor, version: AgreementVersion, participant: Participant) -> bool:
    """Sign in the portal: only for oneself."""
    return agreement_rules.can_sign(user, version, participant)


def can_read_thread(user: Actor, case: Case) -> bool:
    """Staff of the case read its messages, the mediator-only channel included."""
    return dialogue_rules.can_read_thread(user, case)


def can_steer_thread(user: Actor, case: Case) -> bool:
    """Pause and resume messages, undo the mediator-only switch, close or open the staff threads."""
    return dialogue_rules.can_steer_thread(user, case)


def can_write_to_parties(user: Actor, case: Case) -> bool:
    """Write to one party of the case in their thread with the staff."""
    return dialogue_rules.can_write_to_parties(user, case)


def can_decide_hold(user: Actor, case: Case) -> bool:
    """Deliver a held message to its recipient, or return it to its writer."""
    return dialogue_rules.can_decide_hold(user, case)


def can_open_direct_contact(user: Actor, case: Case) -> bool:
    """Open direct contact between the parties despite a safety concern, with a written reason."""
    return dialogue_rules.can_open_direct_contact(user, case)


def can_carry_proposal(user: Actor, case: Case) -> bool:
    """Add an accepted proposal to the draft agreement: whoever drafts the agreement."""
    return agreement_rules.can_draft(user, case)


def party_sees_message(party: Party, message: Message) -> bool:
    return dialogue_rules.party_sees_message(party, message)


def party_sees_proposal(party: Party, proposal: Proposal) -> bool:
    return dialogue_rules.party_sees_proposal(party, proposal)


def can_see_notice(user: Actor, notice: StaffNotice) -> bool:
    """A notice to staff is only ever its own user's: no other caseworker or mediator sees it."""
    return notice_rules.can_see_notice(user, notice)
