"""`manage.py verify_timeline`: an altered event is found and named."""

import pytest
from django.core.management import CommandError, call_command

from mekle.cases.models import CaseEvent


def test_intact_chains_verify(case, minor_case, capsys):
    call_command("verify_timeline")
    assert "2 case timeline(s) verified" in capsys.readouterr().out


def test_altering_one_payload_in_the_database_is_named(case, minor_case, capsys):
    event = CaseEvent.objects.filter(case=case, kind="party_added").earliest("sequence")
    # Bypass the model and the services, as someone with database access would.
    CaseEvent.objects.filter(pk=event.pk).update(payload={**event.payload, "name": "Someone Else"})
    with pytest.raises(CommandError, match="1 broken link"):
        call_command("verify_timeline")
    err = capsys.readouterr().err
    assert f"{case.reference}: event #{event.sequence} (party_added) content does not match its hash" in err
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
    with pytest.raises(CommandError, match="1 broken link"):
        call_command("verify_timeline", case.reference)


def test_only_the_named_cases_are_checked(case, minor_case, capsys):
    CaseEvent.objects.filter(case=case, sequence=1).update(kind="tampered")
    call_command("verify_timeline", minor_case.reference)
    assert "1 case timeline(s) verified" in capsys.readouterr().out


def test_an_unknown_reference_is_an_error(db):
    with pytest.raises(CommandError, match="No such case: XXX-2026-00001"):
        call_command("verify_timeline", "XXX-2026-00001")
