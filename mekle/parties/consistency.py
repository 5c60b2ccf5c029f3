"""How the parties' rows must agree with their case's timeline (checked by ``manage.py verify_timeline``)."""

from collections.abc import Iterator

from mekle.cases.lifecycle import CaseFacts
from mekle.cases.models import Case
from mekle.cases.verification import register_state_check

from .models import Consent, Guardian, Party, Preparation


@register_state_check
def parties_agree_with_timeline(case: Case, facts: CaseFacts) -> Iterator[str]:
    """Each party, its guardians, consents, waiver and preparation, as the case's events say."""
    parties = {p.pk: p for p in Party.objects.filter(case=case)}
    guardians = {(g.party_id, g.pk) for g in Guardian.objects.filter(party__case=case)}
    consented: set[tuple[int, int | None]] = set(
        Consent.objects.filter(party__case=case, withdrawn_at__isnull=True).values_list("party_id", "guardian_id")
    )
    prepared = set(Preparation.objects.filter(party__case=case).values_list("party_id", flat=True))
    for party_id in sorted(parties.keys() - facts.parties.keys()):
        yield f"party #{party_id} is in the table, but no event added it"
    for party_id in sorted(facts.parties.keys() - parties.keys()):
        yield f"party #{party_id} was added on the timeline, but is missing from the table"
    for party_id, party_facts in sorted(facts.parties.items()):
        party = parties.get(party_id)
        if party is None:
            continue
        if party_facts.consented != ((party_id, None) in consented):
            yield _differs(f"party #{party_id}'s consent", party_facts.consented)
        for guardian_id in sorted(party_facts.guardians):
            if (party_id, guardian_id) not in guardians:
                yield f"guardian #{guardian_id} of party #{party_id} was added on the timeline, but is missing"
            if (guardian_id in party_facts.guardians_consented) != ((party_id, guardian_id) in consented):
                yield _differs(f"guardian #{guardian_id}'s consent", guardian_id in party_facts.guardians_consented)
        if party_facts.guardian_consent_waived != party.guardian_consent_waived:
            yield _differs(f"party #{party_id}'s waiver of guardian consent", party_facts.guardian_consent_waived)
        if party_facts.prepared != (party_id in prepared):
            yield _differs(f"party #{party_id}'s preparatory talk", party_facts.prepared)


def _differs(what: str, per_events: bool) -> str:
    table, events = ("absent", "given") if per_events else ("present", "none")
    return f"{what} is {table} in the table; the events say {events}"
