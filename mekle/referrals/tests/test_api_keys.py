"""API keys: stored hashed, shown once, revoked and rotated with an overlap."""

import datetime as dt

import time_machine
from django.core.management import call_command

from mekle.referrals.models import ApiKey, ReferrerOrganisation
from mekle.referrals.services import api_keys


def make_org():
    return ReferrerOrganisation.objects.create(name="Oslo politidistrikt", kind="police")


def test_only_the_hash_is_stored_and_the_key_authenticates(office_a):
    issued = api_keys.issue_api_key(organisation=make_org(), offices=[office_a], case_types=["civil"])
    stored = ApiKey.objects.get()
    assert issued.secret not in (stored.key_hash, stored.prefix)
    assert issued.secret.startswith(stored.prefix)
    assert api_keys.authenticate(issued.secret) == stored
    assert api_keys.authenticate(issued.secret + "x") is None
    assert api_keys.authenticate("") is None


def test_a_revoked_key_stops_working(office_a):
    issued = api_keys.issue_api_key(organisation=make_org(), offices=[office_a], case_types=["civil"])
    api_keys.revoke_api_key(api_key=issued.api_key)
    assert api_keys.authenticate(issued.secret) is None


def test_rotation_keeps_the_old_key_for_the_overlap_then_stops_it(office_a):
    old = api_keys.issue_api_key(organisation=make_org(), offices=[office_a], case_types=["civil"])
    new = api_keys.rotate_api_key(api_key=old.api_key, overlap=dt.timedelta(days=7))
    assert list(new.api_key.offices.all()) == [office_a]
    assert api_keys.authenticate(old.secret) is not None
    assert api_keys.authenticate(new.secret) is not None
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=8)):
        assert api_keys.authenticate(old.secret) is None
        assert api_keys.authenticate(new.secret) is not None


def test_create_api_key_prints_the_key_once(office_a, capsys):
    call_command("create_api_key", "Oslo politidistrikt", "--office", "OSL", "--case-type", "civil")
    out = capsys.readouterr().out
    secret = out.split("API key (shown once): ")[1].split()[0]
    assert api_keys.authenticate(secret) is not None
