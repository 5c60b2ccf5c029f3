"""`manage.py verify_timeline`: an altered event is found and named."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command

from mekle.cases.models import CaseEvent


def test_intact_chains_verify(case, minor_case, capsys):
    call_command("verify_timeline")
    assert "2 case timeline(s) verified" in capsys.readouterr().out


def test_altering_one_payload_in_the_database_is_named(case, minor_case, capsys):
    event = CaseEvent.objects.filter(case=case, kind="party_added").earliest("sequence")
    # Bypass the model and the services, as someone with database access would.
    CaseEvent.objects.filter(pk=event.pk).update(payload={**event.payload, "name": "Someone Else"})
    with pytest.raises(CommandError, match="1 finding"):
        call_command("verify_timeline")
    err = capsys.readouterr().err
    assert (
        f"{case.reference}: event #{event.sequence} (party_added) payload edited: the payload does not match its digest"
        in err
    )
    assert minor_case.reference not in err


def test_a_deleted_event_breaks_the_links_after_it(case):
    event = CaseEvent.objects.filter(case=case).order_by("sequence")[1]
    CaseEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(CommandError):
        call_command("verify_timeline", case.reference)


def test_a_rehashed_edit_still_breaks_the_next_link(case):
    from mekle.cases.chain import hash_of

    event = CaseEvent.objects.filter(case=case).order_by("sequence")[1]
    event.payload = {**event.payload, "name": "Someone Else"}
    CaseEvent.objects.filter(pk=event.pk).update(payload=event.payload, hash=hash_of(event, case.reference))
    with pytest.raises(CommandError, match="1 finding"):
        call_command("verify_timeline", case.reference)


def test_only_the_named_cases_are_checked(case, minor_case, capsys):
    CaseEvent.objects.filter(case=case, sequence=1).update(kind="tampered")
    call_command("verify_timeline", minor_case.reference)
    assert "1 case timeline(s) verified" in capsys.readouterr().out


def test_an_unknown_reference_is_an_error(db):
    with pytest.raises(CommandError, match="No such case: XXX-2026-00001"):
        call_command("verify_timeline", "XXX-2026-00001")


def _as_legacy_chain(case):
    """Rewrite `case`'s events as a database migrated from before payload digests holds them."""
    from mekle.cases.chain import LEGACY_CHAIN_VERSION, event_hash

    prev_hash = ""
    for event in CaseEvent.objects.filter(case=case).order_by("sequence"):
        new_hash = event_hash(
            case_reference=case.reference,
            sequence=event.sequence,
            kind=event.kind,
            actor_id=event.actor_id,
            occurred_at=event.occurred_at,
            payload=event.payload,
            visibility=event.visibility,
            prev_hash=prev_hash,
            chain_version=LEGACY_CHAIN_VERSION,
        )
        CaseEvent.objects.filter(pk=event.pk).update(
            chain_version=LEGACY_CHAIN_VERSION, payload_digest="", prev_hash=prev_hash, hash=new_hash
        )
        prev_hash = new_hash


def test_events_from_before_payload_digests_still_verify_and_new_ones_chain_on(case, alice, capsys):
    from mekle.cases import events as cases_events
    from mekle.cases import services

    _as_legacy_chain(case)
    fill_payload_digests = importlib.import_module("mekle.cases.migrations.0004_caseevent_payload_digest")
    fill_payload_digests.fill_payload_digests(django_apps, None)
    services.record_event(
        case=case,
        kind=cases_events.SUITABILITY_ASSESSED,
        actor=alice,
        payload={"assessment_id": 1, "suitable": True, "safety_risk": "none_known"},
    )
    versions = list(CaseEvent.objects.filter(case=case).order_by("sequence").values_list("chain_version", flat=True))
    assert versions[0] == 1
    assert versions[-1] == 2
    assert all(CaseEvent.objects.filter(case=case).values_list("payload_digest", flat=True))
    call_command("verify_timeline", case.reference)
    assert "1 case timeline(s) verified" in capsys.readouterr().out


def test_an_edited_payload_of_an_event_from_before_payload_digests_is_named(case):
    _as_legacy_chain(case)
    event = CaseEvent.objects.filter(case=case, kind="party_added").earliest("sequence")
    CaseEvent.objects.filter(pk=event.pk).update(payload={**event.payload, "name": "Someone Else"})
    with pytest.raises(CommandError, match="1 finding"):
        call_command("verify_timeline", case.reference)
