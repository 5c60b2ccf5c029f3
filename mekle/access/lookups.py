"""Fetching one object for a door: missing and forbidden look the same (404)."""

from django.http import Http404

from mekle.accounts.types import Actor
from mekle.agreements.models import AgreementVersion
from mekle.cases.models import Case
from mekle.dialogue import rules as dialogue_rules
from mekle.dialogue import selectors as dialogue_selectors
from mekle.dialogue.models import MessageHold, Proposal
from mekle.journal.models import SignInLink
from mekle.mediators.models import Meeting
from mekle.notices.models import StaffNotice
from mekle.parties.models import Guardian, Party, PortalInvitation
from mekle.parties.participants import Participant
from mekle.signin.models import StaffSession

from .selectors import cases_visible_to, participants_of


def get_case_for(user: Actor, reference: str) -> Case:
    case = cases_visible_to(user).select_related("office").filter(reference=reference).first()
    if case is None:
        raise Http404("No such case")
    return case


def get_party_for(case: Case, party_id: int) -> Party:
    """A party of a case the caller has already fetched with `get_case_for`."""
    party = Party.objects.filter(case=case, pk=party_id).first()
    if party is None:
        raise Http404("No such party")
    party.case = case
    return party


def get_guardian_for(party: Party, guardian_id: int) -> Guardian:
    guardian = Guardian.objects.filter(party=party, pk=guardian_id).first()
    if guardian is None:
        raise Http404("No such guardian")
    return guardian


def get_participant_for(party: Party, guardian_id: int | None = None) -> Participant:
    """A party fetched with `get_party_for` acting for itself, or (with `guardian_id`) one of its guardians acting for it."""
    return Participant(party, get_guardian_for(party, guardian_id) if guardian_id is not None else None)


def get_meeting_for(case: Case, meeting_id: int) -> Meeting:
    meeting = Meeting.objects.filter(case=case, pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting")
    meeting.case = case
    return meeting


def get_agreement_version_for(case: Case, number: int) -> AgreementVersion:
    """Version `number` of the agreement of a case the caller has already fetched with `get_case_for`."""
    version = AgreementVersion.objects.filter(agreement__case=case, number=number).select_related("agreement").first()
    if version is None:
        raise Http404("No such agreement version")
    version.agreement.case = case
    return version


def get_own_participant_for(user: Actor, reference: str) -> Participant:
    """A portal user's place in their own case; another case, or none, is a 404 like any missing page."""
    for participant in participants_of(user):
        if participant.case.reference == reference:
            return participant
    raise Http404("No such case")


def get_proposal_for(case: Case, proposal_id: int, *, party: Party | None = None) -> Proposal:
    """A proposal of a case the caller has fetched; for a party, only one they made or received."""
    proposal = dialogue_selectors.proposal_in(case, proposal_id)
    if proposal is None or (party is not None and not dialogue_rules.party_sees_proposal(party, proposal)):
        raise Http404("No such proposal")
    return proposal


def get_notice_for(user: Actor, notice_id: int) -> StaffNotice:
    """A notice given to `user`; 404 for one that does not exist and for another person's alike."""
    notice = StaffNotice.objects.filter(pk=notice_id, user_id=user.pk).first() if user.is_authenticated else None
    if notice is None:
        raise Http404("No such notice")
    return notice


def get_own_session_for(user: Actor, session_id: int) -> StaffSession:
    """One of `user`'s own sessions; 404 for one that does not exist and for another person's alike."""
    session = StaffSession.objects.filter(pk=session_id, user_id=user.pk).first() if user.is_authenticated else None
    if session is None:
        raise Http404("No such session")
    return session


def get_hold_for(case: Case, hold_id: int) -> MessageHold:
    """A held message of a case the caller has already fetched with `get_case_for`."""
    hold = MessageHold.objects.filter(message__case=case, pk=hold_id).select_related("message__recipient").first()
    if hold is None:
        raise Http404("No such held message")
    hold.message.case = case
    return hold


def parties_for(case: Case) -> list[Party]:
    """The parties of a case the caller has already fetched with `get_case_for`, each knowing its case."""
    parties = list(Party.objects.filter(case=case))
    for party in parties:
        party.case = case
    return parties


def find_invitation_for(party: Party, invitation_id: int) -> PortalInvitation | None:
    """One of a party's own portal invitations (hers or her guardians'); None for any other."""
    invitation = PortalInvitation.objects.filter(party=party, pk=invitation_id).select_related("guardian").first()
    if invitation is not None:
        invitation.party = party
    return invitation


def find_invitation_to_sign_in(invitation_id: int) -> PortalInvitation | None:
    """The invitation a personal link names, with what signing in reads; its token is checked by the caller."""
    return (
        PortalInvitation.objects.select_related("party__case__office", "party__user", "guardian__user", "user")
        .filter(pk=invitation_id)
        .first()
    )


def find_journal_sign_in_link(link_id: int) -> SignInLink | None:
    """The journal sign-in link an e-mail names; its token is checked by the caller."""
    return SignInLink.objects.select_related("user").filter(pk=link_id).first()
