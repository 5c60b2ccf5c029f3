"""A party's list of when the staff opened their case: dates, roles and pages, never a name."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mekle.access.models import AccessLogEntry
from mekle.access.services import log_access
from mekle.accounts.models import Role
from mekle.portal.views.access_log import READS_PER_PAGE
from mekle.testing.cast import make_user, portal_user_of


def url(case, **query):
    base = reverse("portal:access_log", args=[case.reference])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def read(user, case, what="case_page", party=None):
    """What the workspace's `logs_access` writes when `user` opens a page of `case`."""
    path = f"/workspace/cases/{case.reference}/"
    log_access(user=user, what=what, path=path, case_reference=case.reference, object_id=str(party.pk) if party else "")


def rows_seen_by(client, user, case, **query):
    client.force_login(user)
    response = client.get(url(case, **query))
    assert response.status_code == 200
    return response, [(r.role, r.page) for r in response.context["rows"]]


def test_a_party_sees_when_staff_opened_the_case_and_in_which_role_but_no_names(client, case, alice, mia, ola_user):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 15, tzinfo=dt.UTC)):
        read(alice, case)
    with time_machine.travel(dt.datetime(2026, 3, 3, 14, 40, tzinfo=dt.UTC)):
        read(mia, case, "messages")

    response, rows = rows_seen_by(client, ola_user, case)

    assert rows == [("Mekler", "Meldingene"), ("Saksbehandler", "Sakssiden")]  # newest first
    body = response.content.decode()
    assert "3. mars 2026, 15:40" in body  # Oslo time
    assert "2. mars 2026, 10:15" in body
    for name in ("alice", "Alice", "Berg", "mia", "Mia", "Lund"):
        assert name not in body.split("<main", 1)[-1], name


def test_the_role_is_the_one_the_reader_had_then_or_for_old_rows_the_one_they_have_now(
    client, case, alice, office_a, ola_user
):
    read(alice, case)
    alice.role = Role.MANAGER
    alice.save()
    old = make_user("old", office=office_a, role=Role.MEDIATOR)
    AccessLogEntry.objects.create(user=old, what="case_page", case_reference=case.reference, path="/")  # no role kept
    gone = make_user("gone", office=office_a, role=Role.CASEWORKER)
    AccessLogEntry.objects.create(user=gone, what="case_page", case_reference=case.reference, path="/")
    gone.delete()

    _response, rows = rows_seen_by(client, ola_user, case)

    assert sorted(role for role, _page in rows) == ["En ansatt", "Mekler", "Saksbehandler"]


def test_the_partys_own_portal_reads_and_other_cases_are_not_listed(client, case, other_case, alice, ola_user):
    client.force_login(ola_user)
    assert client.get(reverse("portal:case", args=[case.reference])).status_code == 200
    read(alice, other_case)

    _response, rows = rows_seen_by(client, ola_user, case)

    assert rows == []
    assert AccessLogEntry.objects.filter(what__startswith="portal_", case_reference=case.reference).count() == 2


def test_each_party_sees_the_case_wide_reads_and_only_their_own_party_page(client, case, alice, ola, kari):
    """Both parties share the case, so both see when its pages were opened; a party's own page is theirs alone."""
    read(alice, case)
    read(alice, case, "party_page", party=kari)

    _response, ola_rows = rows_seen_by(client, portal_user_of(ola), case)
    _response, kari_rows = rows_seen_by(client, portal_user_of(kari), case)

    assert ola_rows == [("Saksbehandler", "Sakssiden")]
    assert kari_rows == [("Saksbehandler", "Opplysningene om deg"), ("Saksbehandler", "Sakssiden")]


def test_a_guardian_sees_the_reads_of_the_case_and_of_the_party_they_act_for(client, minor_case, alice, mia):
    per = minor_case.parties.get(full_name="Per Hansen")
    emil = minor_case.parties.get(full_name="Emil Olsen")
    read(alice, minor_case, "party_page", party=emil)
    read(alice, minor_case, "party_page", party=per)
    read(mia, minor_case, "agreement_document")

    _response, rows = rows_seen_by(client, portal_user_of(emil, emil.guardians.get()), minor_case)

    assert rows == [("Mekler", "Et avtaledokument"), ("Saksbehandler", "Opplysningene om deg")]


@pytest.mark.parametrize("who", ["siri", "alice", "mia", "bob", "anonymous"])
def test_nobody_else_opens_a_partys_access_log(client, case, other_case, alice, mia, bob, who):
    read(alice, case)
    users = {"siri": portal_user_of(other_case.parties.get(full_name="Siri Strand")), "alice": alice, "mia": mia}
    user = users.get(who, bob if who == "bob" else None)
    if user is not None:
        client.force_login(user)
    response = client.get(url(case))
    assert response.status_code == {"siri": 404, "anonymous": 302}.get(who, 403)
    assert "Saksbehandler" not in response.content.decode()


def test_the_list_is_paginated_and_a_bad_page_number_shows_the_first(client, case, alice, ola_user):
    now = timezone.now()
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(user=alice, role=Role.CASEWORKER, what="case_page", case_reference=case.reference, path="/")
        for _ in range(READS_PER_PAGE + 3)
    )
    AccessLogEntry.objects.filter(case_reference=case.reference).update(occurred_at=now)

    response, rows = rows_seen_by(client, ola_user, case)
    assert len(rows) == READS_PER_PAGE
    assert 'href="?page=2"' in response.content.decode()
    assert len(rows_seen_by(client, ola_user, case, page=2)[1]) == 3
    assert len(rows_seen_by(client, ola_user, case, page="abc")[1]) == READS_PER_PAGE


def test_the_number_of_queries_does_not_grow_with_the_entries(client, case, alice, mia, ola_user):
    client.force_login(ola_user)
    read(alice, case)
    client.get(url(case))  # warm the session and the caches
    with CaptureQueriesContext(connection) as few:
        client.get(url(case))
    for _ in range(30):
        read(mia, case)
        read(alice, case, "follow_up")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url(case))
    assert len(response.context["rows"]) == READS_PER_PAGE
    assert len(many) == len(few) <= 10


def test_the_case_page_links_to_the_list(client, case, ola_user):
    client.force_login(ola_user)
    body = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    assert f'href="{url(case)}"' in body
