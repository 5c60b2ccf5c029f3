"""Who may open My sessions and end a session: every member of staff, each only their own.

Alice (caseworker), Mia (mediator), Bob (another office's caseworker) and an administrator with
only the Django admin are staff; Ola is a party with a portal account, Nora keeps a cooperation
journal, the outsider has no role. Each tries the page and both endings against Alice's other
session: only Alice ends it; another member of staff gets 404 (it is not theirs, as if it did not
exist), everyone else who is signed in 403, and anonymous goes to the sign-in page. Nothing ends
on a refusal.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from mekle.signin.models import StaffSession
from mekle.testing.cast import make_user
from mekle.testing.journal import keeper
from mekle.workspace import session_urls

ROUTES = sorted(str(p.name) for p in session_urls.urlpatterns if isinstance(p, URLPattern))
MATRIX_ROUTES = {f"workspace:{name}" for name in ROUTES}
ROLES = ["alice", "mia", "bob", "administrator", "ola", "nora", "outsider", "anonymous"]
STAFF = {"alice", "mia", "bob", "administrator"}


def expected(role, name):
    if role == "anonymous":
        return 302
    if role not in STAFF:
        return 403
    if name == "my_sessions":
        return 200
    if name == "end_session" and role != "alice":
        return 404  # Alice's session, asked for by someone else
    return 302


@pytest.fixture
def world(alice, mia, bob, outsider, ola_user):
    users = {
        "alice": alice,
        "mia": mia,
        "bob": bob,
        "administrator": make_user("root", is_staff=True, is_superuser=True),
        "ola": ola_user,
        "nora": keeper("Nora Berg", "nora@example.no"),
        "outsider": outsider,
        "anonymous": None,
    }
    alices_other = Client()
    alices_other.force_login(alice)
    return {"users": users, "alices_other": alices_other}


def request_as(user, name, session_id):
    client = Client()
    if user is not None:
        client.force_login(user)
    if name == "my_sessions":
        return client.get(reverse("workspace:my_sessions"))
    if name == "end_session":
        return client.post(reverse("workspace:end_session", args=[session_id]))
    return client.post(reverse(f"workspace:{name}"))


def test_every_route_here_is_tried():
    assert set(ROUTES) == {"my_sessions", "end_session", "end_other_sessions"}


@pytest.mark.parametrize("name", ROUTES)
def test_only_staff_may_and_each_only_their_own(world, name):
    other = world["alices_other"]
    session_id = StaffSession.objects.get(session_key=other.session.session_key).pk
    for role in ROLES:
        if role == "alice":
            continue  # tried last: Alice's own ending ends the session the others aim at
        response = request_as(world["users"][role], name, session_id)
        assert response.status_code == expected(role, name), (role, name)
        assert StaffSession.objects.filter(pk=session_id).exists(), (role, name)
        if role == "anonymous":
            assert response["Location"].startswith(reverse("login"))

    response = request_as(world["users"]["alice"], name, session_id)
    assert response.status_code == expected("alice", name)
    assert StaffSession.objects.filter(pk=session_id).exists() is (name == "my_sessions")


def test_a_party_cannot_open_the_page_even_with_a_staff_sessions_id(world):
    other = world["alices_other"]
    session_id = StaffSession.objects.get(session_key=other.session.session_key).pk
    party = Client()
    party.force_login(world["users"]["ola"])
    assert party.get(reverse("workspace:my_sessions")).status_code == 403
    assert party.post(reverse("workspace:end_session", args=[session_id])).status_code == 403
    assert StaffSession.objects.filter(pk=session_id).exists()
