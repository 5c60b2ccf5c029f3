"""Reads about agreements: the versions of a case, one version with everything on it, who must sign."""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from mekle.cases.models import Case
from mekle.lib import clock
from mekle.parties.models import Party
from mekle.parties.participants import Participant

from .models import AgreementVersion, Commitment, Signature, VersionStatus


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
