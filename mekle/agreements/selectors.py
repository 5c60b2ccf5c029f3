"""Reads about agreements: the versions of a case, one version with everything on it, who must sign,
the answers in a follow-up, and the documents made from an approved version."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from mekle.accounts.types import Actor
from mekle.cases.models import Case, Status
from mekle.lib import clock
from mekle.mediators.models import Assignment
from mekle.parties.models import Language, Party, PartyRole
from mekle.parties.participants import Participant

from . import events as agreements_events
from .documents import DOCUMENT_LANGUAGES, document_language
from .models import AgreementVersion, Commitment, CommitmentCheck, Document, DocumentKind, Signature, VersionStatus


def current_version(case: Case) -> AgreementVersion | None:
    """The newest version of the case's agreement (the one that counts), or None before drafting."""
    version = (
        AgreementVersion.objects.filter(agreement__case=case).select_related("agreement").order_by("-number").first()
    )
    if version is not None:
        version.agreement.case = case
    return version


def readable_version(case: Case) -> AgreementVersion | None:
    """The newest version the parties may read: one sent for signing or decided, never a draft."""
    version = (
        AgreementVersion.objects.filter(agreement__case=case)
        .exclude(status=VersionStatus.DRAFT)
        .select_related("agreement")
        .order_by("-number")
        .first()
    )
    if version is not None:
        version.agreement.case = case
    return version


def versions_of(case: Case) -> list[AgreementVersion]:
    """Every version of the case's agreement, oldest first (without their commitments)."""
    return list(AgreementVersion.objects.filter(agreement__case=case).order_by("number"))


def version_with_everything(version: AgreementVersion) -> AgreementVersion:
    """`version` with its commitments (and their parties) and its signatures (and who gave them) loaded."""
    prefetch_related_objects(
        [version],
        Prefetch("commitments", queryset=Commitment.objects.select_related("party", "beneficiary")),
        Prefetch("signatures", queryset=Signature.objects.select_related("party", "guardian", "recorded_by")),
    )
    return version


@dataclass(frozen=True)
class Signer(Participant):
    """A participant whose signature a version needs: a party, or a guardian of a minor party."""

    signature: Signature | None = None

    @property
    def signed(self) -> bool:
        return self.signature is not None


def parties_of(case: Case, *, with_guardians: bool = True) -> list[Party]:
    """The case's parties in the order they were added (with their guardians unless told otherwise)."""
    queryset = Party.objects.filter(case=case)
    if with_guardians:
        queryset = queryset.prefetch_related("guardians")
    parties = list(queryset)
    for party in parties:
        party.case = case
    return parties


def required_signers(version: AgreementVersion, parties: list[Party] | None = None) -> list[Signer]:
    """Every party, and every guardian of a party who is a minor today, with their signature if given.

    Reads the version's signatures (prefetched by `version_with_everything`, or one query) and,
    unless `parties` (with guardians prefetched) are given, the case's parties.
    """
    if parties is None:
        parties = parties_of(version.agreement.case)
    signatures = {(s.party_id, s.guardian_id): s for s in version.signatures.all()}
    today = clock.today()
    signers = []
    for party in parties:
        signers.append(Signer(party=party, guardian=None, signature=signatures.get((party.pk, None))))
        if party.is_minor_on(today):
            signers.extend(
                Signer(party=party, guardian=guardian, signature=signatures.get((party.pk, guardian.pk)))
                for guardian in party.guardians.all()
            )
    return signers


def own_signature(version: AgreementVersion, participant: Participant) -> Signature | None:
    """This person's own signature on `version` (the party's, or this guardian's for them), if they signed."""
    return Signature.objects.filter(version=version, party=participant.party, guardian=participant.guardian).first()


def signature_due(version: AgreementVersion, participant: Participant) -> bool:
    """Whether this person is asked to sign `version` now and has not signed it yet."""
    if version.status != VersionStatus.SENT:
        return False
    if AgreementVersion.objects.filter(agreement_id=version.agreement_id, number__gt=version.number).exists():
        return False  # a newer version is being prepared: that one will be signed
    if participant.acts_as_guardian and not participant.party.is_minor_on(clock.today()):
        return False
    return not Signature.objects.filter(
        version=version, party=participant.party, guardian=participant.guardian
    ).exists()


# --- The follow-up --------------------------------------------------------------------------------


def current_approved_version(case: Case) -> AgreementVersion | None:
    """The newest version of the case's agreement, if it is the approved one; else None."""
    newest = AgreementVersion.objects.filter(agreement__case=case).order_by("-number").first()
    if newest is None or newest.status != VersionStatus.APPROVED:
        return None
    return newest


def is_current_approved(version: AgreementVersion) -> bool:
    newest = current_approved_version(version.agreement.case)
    return newest is not None and newest.pk == version.pk


@dataclass(frozen=True)
class CommitmentAnswer:
    """A commitment and the latest answer about it (None: nobody has answered yet)."""

    commitment: Commitment
    latest: CommitmentCheck | None

    @property
    def kept(self) -> bool | None:
        return None if self.latest is None else self.latest.kept


def commitment_answers(version: AgreementVersion) -> list[CommitmentAnswer]:
    """Every commitment of `version` with its latest answer, in the agreement's order."""
    checks = Prefetch("checks", queryset=CommitmentCheck.objects.order_by("answered_at", "id"))
    commitments = version.commitments.select_related("party", "beneficiary").prefetch_related(checks)
    answers = []
    for commitment in commitments:
        checks_so_far = list(commitment.checks.all())
        answers.append(CommitmentAnswer(commitment, checks_so_far[-1] if checks_so_far else None))
    return answers


def commitments_for_complainant(version: AgreementVersion, party: Party) -> list[Commitment]:
    """What the complainant may report on: commitments made to them (req. 24)."""
    if party.role != PartyRole.VICTIM:
        return []
    return [c for c in version.commitments.select_related("party") if c.beneficiary_id == party.pk]


def withdrawal_reported(case: Case) -> bool:
    """Whether the referrer's report of the case's withdrawal has been made."""
    return case.events.filter(
        kind=agreements_events.OUTCOME_REPORTED.name, payload__outcome=agreements_events.WITHDRAWN_OUTCOME
    ).exists()


def outcome_reported(case: Case, version: AgreementVersion, outcome: str) -> bool:
    """Whether the referrer's report of `outcome` for `version` has been made."""
    return case.events.filter(
        kind=agreements_events.OUTCOME_REPORTED.name, payload__outcome=outcome, payload__version_id=version.pk
    ).exists()


# --- Documents ------------------------------------------------------------------------------------

STAFF_KINDS = (DocumentKind.AGREEMENT, DocumentKind.OUTCOME_REPORT)
PARTY_KINDS = (DocumentKind.AGREEMENT,)


def languages_for(version: AgreementVersion) -> list[str]:
    """Every language the parties of the version's case read, bokmål first when it is among them."""
    preferred = Party.objects.filter(case_id=version.agreement.case_id).values_list("preferred_language", flat=True)
    wanted = {document_language(language) for language in preferred} or {Language.BOKMAL.value}
    return [language for language in DOCUMENT_LANGUAGES if language in wanted]


def documents_of(case: Case, *, kinds: tuple[str, ...]) -> list[Document]:
    """The case's documents of `kinds`, newest first (outcome reports are for staff only)."""
    return list(Document.objects.filter(case=case, kind__in=kinds).select_related("version"))


def find_document(case: Case, document_id: int, *, kinds: tuple[str, ...]) -> Document | None:
    return Document.objects.filter(case=case, pk=document_id, kind__in=kinds).first()


def stored_pdf(document: Document) -> tuple[bytes, str]:
    """The stored PDF and the file name to save it under (the doors make the download of it)."""
    with document.file.open("rb") as stored:
        content = stored.read()
    return content, document.file.name.rsplit("/", 1)[-1]


# --- The mediator's start page --------------------------------------------------------------------


@dataclass(frozen=True)
class AwaitingApproval:
    """A version sent for signing in a case the mediator mediates: how far its signing has come."""

    version: AgreementVersion
    signed: int
    required: int

    @property
    def ready(self) -> bool:
        """Everyone has signed: it waits for the mediator's approval."""
        return self.signed == self.required


def awaiting_approval_for(user: Actor, *, limit: int = 20) -> list[AwaitingApproval]:
    """The newest versions sent for signing in the open cases `user` is assigned to mediate, fully
    signed first. Four queries however many: the versions, their signatures, the parties, their guardians."""
    if not user.is_authenticated:
        return []
    newer = AgreementVersion.objects.filter(agreement_id=OuterRef("agreement_id"), number__gt=OuterRef("number"))
    assigned = Assignment.objects.filter(case=OuterRef("agreement__case"), mediator=user, ended_at__isnull=True)
    versions = list(
        AgreementVersion.objects.filter(status=VersionStatus.SENT, agreement__case__status=Status.MEETING_HELD)
        .filter(Exists(assigned))
        .exclude(Exists(newer))
        .select_related("agreement__case")
        .order_by("sent_at", "pk")[:limit]
    )
    cases = [version.agreement.case for version in versions]
    prefetch_related_objects(versions, "signatures")
    prefetch_related_objects(cases, Prefetch("parties", queryset=Party.objects.prefetch_related("guardians")))
    rows = []
    for version in versions:
        case = version.agreement.case
        parties = list(case.parties.all())
        for party in parties:
            party.case = case
        signers = required_signers(version, parties)
        rows.append(AwaitingApproval(version=version, signed=sum(s.signed for s in signers), required=len(signers)))
    return sorted(rows, key=lambda row: not row.ready)
