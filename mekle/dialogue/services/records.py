"""The good-faith record a party makes from their case's timeline, and its PDF as Mekle renders it."""

import hashlib
from typing import Any

from django.db import transaction
from django.utils import translation

from mekle.accounts.types import Actor
from mekle.cases import services as case_services
from mekle.cases.models import Visibility
from mekle.dialogue import events as dialogue_events
from mekle.lib import clock
from mekle.parties.participants import Participant

from .. import goodfaith, selectors
from ..models import GoodFaithRecord, RecordPdf


@transaction.atomic
def make_goodfaith_record(*, actor: Actor | None, participant: Participant, language: str) -> GoodFaithRecord:
    """Build the party's record from their case's timeline, store its code and hash, and record it."""
    party = participant.party
    case = case_services.lock_case(participant.case)
    with translation.override(language):
        events = selectors.record_events_for(party)
    record = goodfaith.build_record(events, subject=party.full_name, case_reference=case.reference)
    row = GoodFaithRecord.objects.create(
        code=record["code"],
        party=party,
        record_hash=record["record_hash"],
        content=record,
        created_at=clock.now(),
    )
    case_services.record_event(
        case=case,
        kind=dialogue_events.GOODFAITH_RECORD_MADE,
        actor=actor,
        payload={**participant.named(), "code": row.code, "events": len(events)},
        visibility=Visibility.PARTIES,
    )
    return row


def render_record_pdf(*, record: dict[str, Any], language: str) -> bytes:
    """The record's PDF (``goodfaith.render_record_pdf``), remembered by its digest so the public
    page can tell this very PDF from one whose pages were edited. A party's and a journal's alike."""
    pdf = goodfaith.render_record_pdf(record, language, selectors.record_setting(record))
    digest = hashlib.sha256(pdf).hexdigest()
    RecordPdf.objects.get_or_create(sha256=digest, defaults={"code": record["code"], "created_at": clock.now()})
    return pdf
