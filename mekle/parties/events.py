"""The event kinds the `parties` app records, their payloads, and the facts they teach the case."""

from typing import NotRequired, TypedDict

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import Personal, register
from mekle.cases.lifecycle import CaseFacts, PartyFacts


class Who(TypedDict):
    """A party, or a guardian acting for them: the part of many payloads that says who."""

    party_id: int
    guardian_id: int | None
    name: Personal[str]


class PartyAdded(TypedDict):
    party_id: int
    name: Personal[str]
    role: str
    minor: bool


class GuardianAdded(TypedDict):
    party_id: int
    guardian_id: int
    name: Personal[str]
    party_name: Personal[str]


class ConsentGiven(Who):
    method: str
    given_on: str
    information_version: NotRequired[str]


class PartyNamed(TypedDict):
    party_id: int
    name: Personal[str]


class PreparationAnswersSaved(Who):
    feels_safe: str
    first_time: bool


class PreparationHeld(TypedDict):
    party_id: int
    name: Personal[str]
    form: str
    held_on: str


class InvitationCreated(Who):
    by_email: bool
    expires_at: str


class PortalAccessEnded(Who):
    links_stopped: int


class ContactDetailsCorrected(Who):
    """Staff corrected a party's or a guardian's contact details after registration.

    `fields` names what changed (``email``, ``phone``…), never the values; the values before and
    after are personal data, kept for the record and blanked by a retention rule, and the timeline
    says only whose details were corrected. `links_stopped` counts the unused sign-in links that
    stopped because the e-mail address changed.
    """

    fields: list[str]
    previous: Personal[dict[str, str]]
    current: Personal[dict[str, str]]
    links_stopped: int


def _party_added(facts: CaseFacts, p: PartyAdded) -> None:
    facts.parties[p["party_id"]] = PartyFacts(name=p["name"], role=p.get("role", ""), minor=bool(p.get("minor")))


def _guardian_added(facts: CaseFacts, p: GuardianAdded) -> None:
    if party := facts.parties.get(p["party_id"]):
        party.guardians[p["guardian_id"]] = p["name"]


def _consent_given(facts: CaseFacts, p: ConsentGiven) -> None:
    if party := facts.parties.get(p["party_id"]):
        if guardian_id := p.get("guardian_id"):
            party.guardians_consented.add(guardian_id)
        else:
            party.consented = True


def _consent_withdrawn(facts: CaseFacts, p: Who) -> None:
    if party := facts.parties.get(p["party_id"]):
        if guardian_id := p.get("guardian_id"):
            party.guardians_consented.discard(guardian_id)
        else:
            party.consented = False


def _guardian_consent_waived(facts: CaseFacts, p: PartyNamed) -> None:
    if party := facts.parties.get(p["party_id"]):
        party.guardian_consent_waived = True


def _preparation_held(facts: CaseFacts, p: PreparationHeld) -> None:
    if party := facts.parties.get(p["party_id"]):
        party.prepared = True


PARTY_ADDED = register("party_added", _("%(name)s added as a party"), PartyAdded, folds=_party_added)
GUARDIAN_ADDED = register(
    "guardian_added", _("%(name)s added as guardian of %(party_name)s"), GuardianAdded, folds=_guardian_added
)
CONSENT_GIVEN = register("consent_given", _("Consent recorded from %(name)s"), ConsentGiven, folds=_consent_given)
CONSENT_WITHDRAWN = register("consent_withdrawn", _("%(name)s withdrew consent"), Who, folds=_consent_withdrawn)
GUARDIAN_CONSENT_WAIVED = register(
    "guardian_consent_waived",
    _("%(name)s may consent without a guardian (15 or older, civil case)"),
    PartyNamed,
    folds=_guardian_consent_waived,
)
PREPARATION_ANSWERS_SAVED = register(
    "preparation_answers_saved", _("%(name)s answered the preparation questions"), PreparationAnswersSaved
)
PREPARATION_HELD = register(
    "preparation_held", _("Preparatory talk held with %(name)s"), PreparationHeld, folds=_preparation_held
)
PORTAL_INVITATION_CREATED = register(
    "portal_invitation_created", _("Portal sign-in link created for %(name)s"), InvitationCreated
)
PORTAL_INVITATION_REVOKED = register("portal_invitation_revoked", _("Portal sign-in link revoked for %(name)s"), Who)
PORTAL_SIGNED_IN = register("portal_signed_in", _("%(name)s signed in to the portal with a personal link"), Who)
PORTAL_ACCOUNT_LINKED = register(
    "portal_account_linked", _("Portal account for %(name)s linked through ID-porten"), Who
)
PORTAL_LINK_REQUESTED = register(
    "portal_link_requested", _("%(name)s asked for a new portal sign-in link, and it was e-mailed"), InvitationCreated
)
PORTAL_ACCESS_ENDED = register("portal_access_ended", _("Portal access ended for %(name)s"), PortalAccessEnded)
CONTACT_DETAILS_CORRECTED = register(
    "contact_details_corrected", _("Contact details of %(name)s corrected"), ContactDetailsCorrected
)
