"""Who may open a cooperation journal: only its owner.

Nora owns a journal with an entry; Per has a journal of his own; Ola is a party in a case (portal
user); Alice and Mia are staff; an outsider has no role. Every journal page that needs a sign-in is
tried by each of them. Anonymous visitors go to the journal's front page; portal users, staff and
outsiders are refused (403); another journal user only ever sees their own journal, never Nora's.
"""

import pytest
from django.urls import URLPattern, reverse

from mekle.journal import services
from mekle.journal.models import EntryKind, Journal
from mekle.portal import journal_urls
from mekle.testing.journal import keeper

PUBLIC = {
    "journal_start",
    "journal_request_link",
    "journal_link_sent",
    "journal_sign_in",
    "journal_sign_out",
    "journal_deleted",
    "journal_answer",
}
OWN_PAGES = sorted(str(p.name) for p in journal_urls.urlpatterns if isinstance(p, URLPattern) and p.name not in PUBLIC)
SECRET = "NORAS-HEMMELIGE-NOTAT"
MATRIX_ROUTES = {f"portal:{name}" for name in [*PUBLIC, *OWN_PAGES]}


def url_of(name):
    if name == "journal_add_entry":
        return reverse(f"portal:{name}", args=["message"])
    if name == "journal_correct_entry":
        return reverse(f"portal:{name}", args=[1])
    return reverse(f"portal:{name}")


@pytest.fixture
def world(ola_user, alice, mia, outsider):
    nora = keeper("Nora Berg", "nora@example.no")
    services.add_entry(actor=nora, journal=Journal.objects.get(owner=nora), kind=EntryKind.MESSAGE, text=SECRET)
    per = keeper("Per Berg", "per@example.no")
    services.add_entry(actor=per, journal=Journal.objects.get(owner=per), kind=EntryKind.CALL, text="Pers notat")
    return {"nora": nora, "per": per, "ola": ola_user, "alice": alice, "mia": mia, "outsider": outsider}


@pytest.mark.parametrize("role", ["nora", "per", "ola", "alice", "mia", "outsider", "anonymous"])
@pytest.mark.parametrize("name", OWN_PAGES)
def test_every_journal_page_answers_only_its_owner(client, world, role, name):
    if role != "anonymous":
        client.force_login(world[role])
    response = client.get(url_of(name))
    body = response.content.decode(errors="replace") if response.status_code == 200 else ""
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url == reverse("portal:journal_start")
    elif role in ("ola", "alice", "mia", "outsider"):
        assert response.status_code == 403
    elif role == "per":
        assert response.status_code == 200
        assert SECRET not in body
        assert "Nora Berg" not in body
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ["nora", "per", "ola", "alice", "mia", "outsider", "anonymous"])
def test_nobody_writes_in_a_journal_that_is_not_their_own(client, world, role):
    if role != "anonymous":
        client.force_login(world[role])
    client.post(reverse("portal:journal_add_entry", args=["message"]), {"text": "Innbrudd", "action": "save"})
    nora_entries = Journal.objects.get(owner=world["nora"]).entries.values_list("content__text", flat=True)
    assert ("Innbrudd" in list(nora_entries)) == (role == "nora")


@pytest.mark.parametrize("role", ["per", "ola", "alice", "mia", "outsider", "anonymous"])
def test_nobody_else_deletes_a_journal(client, world, role):
    if role != "anonymous":
        client.force_login(world[role])
    client.post(reverse("portal:journal_delete"), {"confirm": "on"})
    assert Journal.objects.filter(owner=world["nora"]).exists()


def test_a_journal_user_cannot_open_the_party_portal(client, world, case):
    client.force_login(world["nora"])
    assert client.get(reverse("portal:home")).status_code == 403
    assert client.get(reverse("portal:case", args=[case.reference])).status_code == 403
