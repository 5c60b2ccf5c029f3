"""Entries a parent shared from their cooperation journal are readable by the case's staff, and only them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mekle.accounts.models import Role, User
from mekle.journal import services as journal_services
from mekle.journal.models import EntryKind, Journal


def share_two_entries(case):
    nora = User.objects.create_user(username="nora", email="nora@example.no", role=Role.JOURNAL)
    journal = Journal.objects.create(owner=nora, code="J-TEST-1", created_at=case.created_at)
    for text in ("Jeg foreslo å bytte helg, uten svar.", "Ringte for å avtale henting, rolig samtale."):
        journal_services.add_entry(actor=nora, journal=journal, kind=EntryKind.MESSAGE, text=text)
    journal_services.share_with_case(journal=journal, case=case, sequences=[1, 2])


def test_staff_read_the_shared_entries_on_the_case_page(client, alice, mia, case):
    share_two_entries(case)
    for person in (alice, mia):
        client.force_login(person)
        body = client.get(reverse("workspace:case_page", args=[case.reference])).content.decode()
        assert "Jeg foreslo å bytte helg, uten svar." in body
        assert "Ringte for å avtale henting" in body


def test_staff_of_another_office_and_unassigned_mediators_do_not(client, bob, mats, case):
    share_two_entries(case)
    for person in (bob, mats):
        client.force_login(person)
        assert client.get(reverse("workspace:case_page", args=[case.reference])).status_code == 404


def test_a_case_without_a_share_reads_no_share(client, alice, case):
    client.force_login(alice)
    with CaptureQueriesContext(connection) as counted:
        assert client.get(reverse("workspace:case_page", args=[case.reference])).status_code == 200
    assert not any("journal_journalshare" in query["sql"] for query in counted.captured_queries)
