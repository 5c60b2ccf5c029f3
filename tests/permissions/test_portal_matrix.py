"""Who may see a case through the portal, and who must not.

Ola and Kari are the parties of `case`; Siri is a party of `other_case`; Hanne is the guardian of
Emil in `minor_case`. Every portal page of a case is tried by every one of them, by staff and by
anonymous visitors. A party sees only their own case (404 for any other, like a missing page);
staff have the workspace and get 403 here; anonymous visitors are sent to the sign-in help.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.portal import urls as portal_urls
from mekle.testing.cast import make_ready, portal_user_of
from mekle.workspace import urls as workspace_urls

CASE_PAGES = sorted(
    str(p.name) for p in portal_urls.urlpatterns if isinstance(p, URLPattern) and "reference" in p.pattern.converters
)
MATRIX_ROUTES = {f"portal:{name}" for name in CASE_PAGES} | {"portal:home", "portal:step_up"}


@pytest.fixture
def world(alice, mia, bob, case, other_case, minor_case):
    make_ready(alice, case)
    mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=2),
        location="Rom 1",
    )
    ola = case.parties.get(full_name="Ola Nordmann")
    kari = case.parties.get(full_name="Kari Nordmann")
    kari.phone, kari.email, kari.address = "98765432", "kari@example.no", "Hekkveien 2"
    kari.save()
    party_services.save_preparation_answers(
        actor=None, participant=Participant(kari), answers={"what_happened": "KARIS-HEMMELIGE-SVAR", "feels_safe": "no"}
    )
    emil = minor_case.parties.get(full_name="Emil Olsen")
    users = {
        "ola": portal_user_of(ola),
        "kari": portal_user_of(kari),
        "siri": portal_user_of(other_case.parties.get(full_name="Siri Strand")),
        "hanne": portal_user_of(emil, emil.guardians.get()),
        "emil": portal_user_of(emil),
        "alice": alice,
        "mia": mia,
        "bob": bob,
        "anonymous": None,
    }
    return {"case": case, "minor_case": minor_case, "users": users, "kari": kari, "ola": ola}


def get(client, user, name, reference):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(f"portal:{name}", args=[reference]))


def expected(role, case_key):
    members = {"case": {"ola", "kari"}, "minor_case": {"hanne", "emil"}}
    if role == "anonymous":
        return {302}
    if role in ("alice", "mia", "bob"):
        return {403}
    if role in members[case_key]:
        return {200, 302}  # withdrawn redirects nowhere; every page answers its own party
    return {404}


ROLES = ["ola", "kari", "siri", "hanne", "emil", "alice", "mia", "bob", "anonymous"]


# One world per page, every role and both cases tried in it: GETs change nothing a status depends on.
@pytest.mark.parametrize("name", CASE_PAGES)
def test_every_portal_page_of_a_case_answers_only_its_own_people(world, name):
    for case_key in ("case", "minor_case"):
        for role in ROLES:
            reference = world[case_key].reference
            response = get(Client(), world["users"][role], name, reference)
            if case_key == "minor_case" and name == "meeting_calendar" and role in ("hanne", "emil"):
                assert response.status_code == 404  # no meeting there: a clear page, not someone else's
                continue
            assert response.status_code in expected(role, case_key), (role, name, case_key)
            if role == "anonymous":
                assert response["Location"].startswith(reverse("portal:sign_in_help"))


@pytest.mark.parametrize("name", CASE_PAGES)
def test_a_party_never_sees_the_other_partys_contact_details_or_answers(client, world, name):
    response = get(client, world["users"]["ola"], name, world["case"].reference)
    body = response.content.decode(errors="replace")
    for secret in ("98765432", "kari@example.no", "Hekkveien 2", "KARIS-HEMMELIGE-SVAR", "Hemmelig notat"):
        assert secret not in body, (name, secret)


def test_a_refused_post_changes_nothing(client, world):
    case = world["case"]
    before = case.events.count()
    client.force_login(world["users"]["siri"])
    for name in ("consent", "withdraw", "preparation"):
        response = client.post(reverse(f"portal:{name}", args=[case.reference]), {"answer": "yes", "feels_safe": "yes"})
        assert response.status_code == 404
    case.refresh_from_db()
    assert case.events.count() == before
    assert case.is_open


@pytest.mark.parametrize("role", ["ola", "hanne"])
def test_portal_users_cannot_enter_the_workspace(client, world, role):
    client.force_login(world["users"][role])
    assert client.get(reverse("workspace:case_list")).status_code == 403
    case_page = [p for p in workspace_urls.urlpatterns if isinstance(p, URLPattern) and p.name == "case_page"][0]
    assert case_page is not None
    assert client.get(reverse("workspace:case_page", args=[world["case"].reference])).status_code == 403


def test_a_partys_view_of_their_case_is_in_the_access_log(client, world):
    from mekle.access.models import AccessLogEntry

    get(client, world["users"]["ola"], "case", world["case"].reference)
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.what, entry.case_reference) == (
        world["users"]["ola"],
        "portal_case",
        world["case"].reference,
    )


@pytest.mark.parametrize("role", ["ola", "hanne", "alice", "bob", "anonymous"])
@pytest.mark.parametrize("name", ["request_link", "link_sent", "sign_in_help"])
def test_the_way_back_in_is_open_to_everyone_and_shows_no_case(client, world, role, name):
    """Asking for a new link needs no sign-in, and its pages show nobody's case details."""
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(f"portal:{name}"))
    assert response.status_code == 200
    body = response.content.decode()
    for secret in ("kari@example.no", "98765432", "Hekkveien 2", "KARIS-HEMMELIGE-SVAR"):
        assert secret not in body


# The portal's home is the signed-in person's own cases: one case leads straight to it, several are
# listed; another person's case never appears. Staff get 403, anonymous visitors the sign-in help.
OWN_CASE = {"ola": "case", "kari": "case", "siri": "other_case", "hanne": "minor_case", "emil": "minor_case"}


def test_the_portal_home_leads_each_person_only_to_their_own_case(world, other_case):
    cases = {"case": world["case"], "minor_case": world["minor_case"], "other_case": other_case}
    for role in ROLES:
        user = world["users"][role]
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(reverse("portal:home"))
        if role in OWN_CASE:
            assert response.status_code == 302, role
            assert response["Location"] == reverse("portal:case", args=[cases[OWN_CASE[role]].reference]), role
        elif role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("portal:sign_in_help"))
        else:
            assert response.status_code == 403, role


def test_the_portal_home_lists_a_persons_cases_and_no_one_elses(client, world, other_case):
    ola = world["users"]["ola"]
    other_case.parties.filter(full_name="Jon Strand").update(user=ola)  # the same person, in a second case
    client.force_login(ola)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert world["case"].reference in body
    assert other_case.reference in body
    assert world["minor_case"].reference not in body


def test_the_step_up_page_is_for_portal_users_only_and_only_with_id_porten_on(world, settings):
    """It shows nobody's case; staff have no portal, and without ID-porten there is nothing to step up to."""
    settings.MEKLE_OIDC_ENABLED = True
    for role in ROLES:
        user = world["users"][role]
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(
            reverse("portal:step_up"), {"next": reverse("portal:messages", args=[world["case"].reference])}
        )
        if role in OWN_CASE:
            assert response.status_code == 200, role
            assert "KARIS-HEMMELIGE-SVAR" not in response.content.decode()
        elif role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("portal:sign_in_help"))
        else:
            assert response.status_code == 403, role
    settings.MEKLE_OIDC_ENABLED = False
    client = Client()
    client.force_login(world["users"]["ola"])
    assert client.get(reverse("portal:step_up")).status_code == 404
