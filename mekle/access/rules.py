"""Who may see and do what: every permission a door asks, under one name, in one place.

The doors (workspace, portal, api) ask only this module; an import-linter contract bars them from
the feature apps' own ``rules`` modules. Each feature app keeps its predicates beside its objects,
because its services enforce them and cannot call up into ``access``. Where a door's question is
exactly a feature app's rule, it is exposed here under the door's name (the same function, not a
wrapper); where it is composed, it is defined here. ``mekle/access/tests/test_rules.py`` holds,
for every name below, who passes and who must not.
"""

from mekle.accounts.models import Role
from mekle.accounts.types import Actor
from mekle.agreements import rules as agreement_rules
from mekle.cases import rules as case_rules
from mekle.cases.models import Case
from mekle.dialogue import rules as dialogue_rules
from mekle.journal import rules as journal_rules
from mekle.mediators import rules as mediator_rules
from mekle.notices import rules as notice_rules
from mekle.parties import rules as party_rules
from mekle.parties.participants import Participant


def can_view_case(user: Actor, case: Case) -> bool:
    """The office's caseworkers and the mediators assigned to the case."""
    return case_rules.is_office_caseworker(user, case) or mediator_rules.is_assigned_mediator(user, case)


def can_manage_case(user: Actor, case: Case) -> bool:
    """Register parties, assess suitability, record consent, assign mediators, conclude follow-up."""
    return case_rules.is_office_caseworker(user, case)


def can_work_on_case(user: Actor, case: Case) -> bool:
    """Preparatory talks, meetings, withdrawals and ties: the caseworkers and the assigned mediators."""
    return can_view_case(user, case)


def can_end_portal_access(user: Actor, case: Case) -> bool:
    """End a party's or guardian's portal access at once: the caseworkers and the assigned mediators,
    since whoever works with the people may be the first to learn that access is unsafe."""
    return can_work_on_case(user, case)


# Correct a party's or guardian's name, e-mail, phone, address or language: the case's caseworkers.
can_correct_contact_details = party_rules.can_correct_contact_details


def can_register_referral(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_caseworker", False))


def can_use_workspace(user: Actor) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.office_id and user.role in (Role.CASEWORKER, Role.MEDIATOR)
    )


def can_manage_own_sessions(user: Actor) -> bool:
    """See and end one's own sessions ("My sessions"): every member of staff, the Django admin's
    people too; never a party, a journal keeper or an account with no role."""
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_staff_member", False))


def can_use_portal(user: Actor) -> bool:
    """Parties and guardians signed in to the portal; staff use the workspace instead."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.PARTY)


def can_read_access_log(user: Actor, participant: Participant) -> bool:
    """The list of when the staff opened a case, in the portal: only the party or guardian whose own
    place in the case it is. Staff have no portal; they read the access log in the admin."""
    return can_use_portal(user) and user.pk is not None and participant.person.user_id == user.pk


# The journal: only parents with a journal account use it (portal users, staff and visitors are
# not, even with the same e-mail), and only its owner reads a journal, until they share entries.
can_use_journal = journal_rules.is_journal_keeper
can_read_journal = journal_rules.owns_journal

# Agreements: write, send for signing, revise and record paper signatures; approve or refuse
# (the assigned mediator); sign in the portal, only for oneself.
can_draft_agreement = agreement_rules.can_draft
can_approve_agreement = agreement_rules.can_approve
can_sign_agreement = agreement_rules.can_sign
# Adding an accepted proposal to the draft agreement is drafting the agreement.
can_carry_proposal = agreement_rules.can_draft

# Messages: the staff of the case read every thread, steer it (pause, mediator-only switch, staff
# threads), write to one party, and deliver or return a held message; only the assigned mediator
# opens direct contact despite a safety concern. A party sees only their own messages and proposals.
can_read_thread = dialogue_rules.can_read_thread
can_steer_thread = dialogue_rules.can_steer_thread
can_write_to_parties = dialogue_rules.can_write_to_parties
can_decide_hold = dialogue_rules.can_decide_hold
can_open_direct_contact = dialogue_rules.can_open_direct_contact
party_sees_message = dialogue_rules.party_sees_message
party_sees_proposal = dialogue_rules.party_sees_proposal

# A notice to staff is only ever its own user's: no other caseworker or mediator sees it.
can_see_notice = notice_rules.can_see_notice
