"""The demo data: every state, intact chains, working logins, and no second load.

The tests pass `yes=True` because the suite may run on PostgreSQL, where seeding asks for it; the
tests at the end show what it changes.
"""

from base64 import b32encode
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from mekle.accounts.models import User
from mekle.cases.models import Case, Status
from mekle.cases.selectors import verify_chain
from mekle.demo import showcases
from mekle.demo.cast import DEMO_PASSWORD, STAFF
from mekle.demo.management.commands import seed_demo
from mekle.dialogue.contact import direct_contact_for
from mekle.dialogue.models import Message
from mekle.mediators.selectors import next_meetings_for
from mekle.testing.cast import make_user


def test_seed_creates_cases_in_every_state_with_intact_chains(db):
    """The README promises demo cases "in every state": every status of the lifecycle."""
    call_command("seed_demo", cases=24, yes=True, verbosity=0)
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(Status)
    assert all(not list(verify_chain(case)) for case in Case.objects.all())
    per_office = Case.objects.values("office").annotate(n=Count("id")).values_list("n", flat=True)
    assert sorted(per_office) == [10, 10, 10]  # 8 dealt out, and the 2 contact showcases
    assert Case.objects.filter(parties__guardians__isnull=False).exists()


def test_seed_if_empty_does_nothing_the_second_time(db):
    call_command("seed_demo", cases=3, yes=True, verbosity=0)
    loaded = Case.objects.count()
    call_command("seed_demo", cases=3, if_empty=True, yes=True, verbosity=0)
    assert Case.objects.count() == loaded == 3 + 6


def test_demo_users_sign_in_and_mediators_have_meetings_ahead(client, db):
    call_command("seed_demo", cases=24, yes=True, verbosity=0)
    assert client.login(username="saksbehandler.oslo", password=DEMO_PASSWORD)
    mediators = User.objects.filter(role="mediator")
    assert any(next_meetings_for(m) for m in mediators)


def test_demo_logins_lists_the_users(db, capsys):
    call_command("demo_logins")
    assert "No demo users" in capsys.readouterr().out
    call_command("seed_demo", cases=1, yes=True, verbosity=0)
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "saksbehandler.oslo" in out
    assert DEMO_PASSWORD in out


def test_demo_logins_prints_portal_links_that_sign_a_party_in(db, capsys, client):
    call_command("seed_demo", cases=12, yes=True, verbosity=0)
    call_command("demo_logins")
    out = capsys.readouterr().out
    links = [line.split(": ", 1)[1] for line in out.splitlines() if "/portal/sign-in/" in line]
    assert len(links) == 3
    path, token = links[0].split("127.0.0.1:8000", 1)[1].split("?token=")
    assert client.post(path, {"token": token}).status_code == 302
    assert client.get("/portal/").status_code in (200, 302)


def test_the_oslo_caseworker_has_an_open_withdrawal_notice(client, db):
    from mekle.notices.selectors import open_notices_for

    call_command("seed_demo", cases=24, yes=True, verbosity=0)
    caseworker = User.objects.get(username="saksbehandler.oslo")
    assert [n.kind for n in open_notices_for(caseworker)] == ["withdrawn"]
    client.force_login(caseworker)
    assert "En part trakk seg" in client.get("/", follow=True).content.decode()


def test_every_office_shows_a_case_with_direct_contact_closed_and_one_with_it_open(db):
    call_command("seed_demo", cases=3, yes=True, verbosity=0)
    for office_id in Case.objects.values_list("office_id", flat=True).distinct():
        received = Case.objects.get(office_id=office_id, description=showcases.RECEIVED)
        prepared = Case.objects.get(office_id=office_id, description=showcases.OPEN)
        assert received.status == Status.RECEIVED
        assert not direct_contact_for(received).is_open
        assert prepared.status == Status.PREPARING
        assert direct_contact_for(prepared).is_open
        assert Message.objects.filter(case=prepared, channel="direct").count() == 1


def test_the_embedded_sqlite_database_is_seeded_with_one_command(db, monkeypatch, capsys):
    monkeypatch.setattr(seed_demo, "embedded_database", lambda: True)
    call_command("seed_demo", cases=1, if_empty=True)
    assert User.objects.filter(username="saksbehandler.oslo").exists()
    assert "known password" not in capsys.readouterr().err


def test_another_database_is_not_seeded_without_yes(db, monkeypatch):
    monkeypatch.setattr(seed_demo, "embedded_database", lambda: False)
    with pytest.raises(CommandError, match="known password 'mekle-demo'.*--yes"):
        call_command("seed_demo", cases=1, if_empty=True)
    assert not User.objects.exists()
    assert not Case.objects.exists()


def test_another_database_is_seeded_with_yes_and_a_warning(db, monkeypatch, capsys):
    monkeypatch.setattr(seed_demo, "embedded_database", lambda: False)
    call_command("seed_demo", cases=1, yes=True)
    assert User.objects.filter(username="saksbehandler.oslo").exists()
    assert "Never load it into a database real people use" in capsys.readouterr().err


def test_a_database_with_data_is_left_alone_without_yes(db, monkeypatch, capsys):
    """`make run` on a PostgreSQL database that has cases goes on to serve it."""
    call_command("seed_demo", cases=1, yes=True, verbosity=0)
    monkeypatch.setattr(seed_demo, "embedded_database", lambda: False)
    users = User.objects.count()
    call_command("seed_demo", cases=1, if_empty=True)
    assert User.objects.count() == users
    assert "nothing to do" in capsys.readouterr().out


@pytest.mark.password_only
def test_every_demo_staff_person_has_an_app_and_demo_code_prints_a_code_that_signs_in(db, capsys, client):
    call_command("seed_demo", cases=1, yes=True, verbosity=0)
    call_command("demo_logins")
    out = capsys.readouterr().out
    device = TOTPDevice.objects.get(user__username="saksbehandler.oslo", confirmed=True)
    assert b32encode(device.bin_key).decode() in out
    assert all(TOTPDevice.objects.filter(user__username=s.username, confirmed=True).exists() for s in STAFF)

    call_command("demo_code", "saksbehandler.oslo")
    code = capsys.readouterr().out.strip()
    client.post(reverse("login"), {"username": "saksbehandler.oslo", "password": DEMO_PASSWORD})
    response = client.post(reverse("signin:second_factor"), {"code": code})

    assert response.status_code == 302
    assert client.get(reverse("workspace:case_list")).status_code == 200


def test_demo_code_refuses_anyone_but_the_demo_staff(db):
    make_user("alice")
    with pytest.raises(CommandError):
        call_command("demo_code", "alice")


def test_the_readme_promises_cases_in_every_state_and_the_demo_deals_every_status_out():
    from mekle.demo.stories import TARGETS

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    assert "cases in every state" in readme
    assert set(TARGETS) == set(Status)


def test_the_meeting_held_case_waits_for_its_agreement_with_a_real_timeline(db):
    from mekle.agreements.selectors import current_version
    from mekle.cases.models import CaseEvent

    call_command("seed_demo", cases=12, yes=True, verbosity=0)
    case = Case.objects.get(status=Status.MEETING_HELD)
    kinds = set(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {"meeting_scheduled", "meeting_held", "consent_given", "preparation_held"} <= kinds
    assert case.meetings.get().status == "held"
    version = current_version(case)
    assert version is not None
    assert version.status == "sent"
    assert not list(verify_chain(case))


def test_demo_meetings_have_an_address_or_a_video_link_and_some_are_moved(db):
    from mekle.mediators.models import Meeting

    call_command("seed_demo", cases=24, yes=True, verbosity=0)
    meetings = list(Meeting.objects.select_related("case__office"))
    assert meetings
    for meeting in meetings:
        assert meeting.video_link or (meeting.address and meeting.directions), meeting.pk
    in_person = [m for m in meetings if m.street_address]
    assert in_person
    assert all(m.map_url.startswith("https://www.openstreetmap.org/search?") for m in in_person)
    moved = [m for m in meetings if m.sequence > 0]
    assert moved
    assert all(m.case.events.filter(kind="meeting_moved").exists() for m in moved)
