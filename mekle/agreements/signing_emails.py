"""The neutral e-mail that tells a party (or a minor's guardian) that an agreement waits for their signature.

Queued in the outbox in the transaction that sends the version for signing (`send_for_signing`), so
it exists the moment the version is sent and never without it; keyed by version and person, so it
goes once. It names no case, no party and no word of the agreement: only a link to sign in.
"""

from django.utils import translation

from mekle.outbox import services as outbox
from mekle.outbox.compose import compose
from mekle.outbox.models import OutboxEmail
from mekle.parties.links import new_link_url, portal_home_url
from mekle.parties.models import Party

from . import documents, selectors
from .models import AgreementVersion

SIGNATURE_DUE = "agreements.signature_due"


def _address(person: object) -> str:
    """The person's own sign-in address, else the one staff registered; '' when there is none."""
    user = getattr(person, "user", None)
    return (user.email if user is not None else "") or getattr(person, "email", "")


def queue_signature_requests(version: AgreementVersion) -> list[OutboxEmail]:
    """One e-mail to every signer of `version` who has not signed, has an address and may still sign in.

    A party (or guardian) whose portal access was ended signs on paper with the staff: no e-mail.
    Call inside the transaction that sent the version. A fixed number of queries, however many signers.
    """
    case = version.agreement.case
    parties = list(Party.objects.filter(case=case).select_related("user").prefetch_related("guardians__user"))
    messages, keys = [], []
    for signer in selectors.required_signers(version, parties):
        person = signer.guardian or signer.party
        address = _address(person)
        if signer.signed or not address or person.portal_access_ended_at is not None:
            continue
        language = signer.guardian.language if signer.guardian else signer.party.preferred_language
        with translation.override(documents.document_language(language)):
            context = {"url": portal_home_url(), "new_link_url": new_link_url()}
            message = compose("agreements/email/signature_due", context, to=[address], office=case.office)
        messages.append(message)
        keys.append(f"{version.pk}:{signer.party.pk}:{signer.guardian.pk if signer.guardian else '-'}")
    return outbox.queue_emails(messages, source=SIGNATURE_DUE, keys=keys)
