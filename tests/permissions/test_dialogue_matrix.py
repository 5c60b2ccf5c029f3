"""Who may reach a case's messages, proposals and good-faith records, and who must not.

Ola and Kari are the parties of `case`; Siri is a party of `other_case`. Alice (caseworker) and
Mia (assigned mediator) are staff of `case`; Mats is an unassigned mediator of the same office and
Bob a caseworker of another office. Every dialogue page is tried by every one of them.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from mekle.dialogue import services
from mekle.parties.participants import Participant
from mekle.portal import dialogue_urls as portal_dialogue_urls
from mekle.testing.cast import portal_user_of
from mekle.testing.tone import CALM, HOSTILE, tone  # noqa: F401  (fixture)
from mekle.workspace import dialogue_urls as workspace_dialogue_urls

pytestmark = pytest.mark.usefixtures("tone")

PORTAL_PAGES = sorted(
    str(p.name)
    for p in portal_dialogue_urls.urlpatterns
    if isinstance(p, URLPattern) and "reference" in p.pattern.converters
)
POST_ONLY = ("write_message", "message_setting", "answer_proposal", "direct_contact", "flagged_setting")
WORKSPACE_PAGES = sorted(str(p.name) for p in workspace_dialogue_urls.urlpatterns if isinstance(p, URLPattern))
MATRIX_ROUTES = {f"portal:{name}" for name in PORTAL_PAGES} | {f"workspace:{name}" for name in WORKSPACE_PAGES}


@pytest.fixture
def world(alice, mia, mats, bob, contact_open, other_case, ola, kari):
    case = contact_open
    services.send_message(actor=None, participant=Participant(ola), recipient=kari, text=CALM, language="nb")
    services.send_message(
        actor=None, participant=Participant(kari), recipient=None, text="KARIS-MEGLERKANAL", language="nb"
    )
    made = services.make_proposal(
        actor=None, participant=Participant(ola), recipient=kari, kind="arrangement", text="OLAS-FORSLAG"
    )
    services.set_hold_flagged(actor=portal_user_of(kari), participant=Participant(kari), hold=True)
    held = services.send_message(
        actor=None, participant=Participant(ola), recipient=kari, text=HOSTILE, language="nb"
    ).hold
    record = services.make_goodfaith_record(actor=None, participant=Participant(kari), language="nb")
    users = {
        "ola": portal_user_of(ola),
        "kari": portal_user_of(kari),
        "siri": portal_user_of(other_case.parties.get(full_name="Siri Strand")),
        "alice": alice,
        "mia": mia,
        "mats": mats,
        "bob": bob,
        "anonymous": None,
    }
    return {"case": case, "users": users, "proposal": made, "record": record, "hold": held}


def portal_args(name, world):
    args = [world["case"].reference]
    if name in ("proposal", "answer_proposal"):
        args.append(world["proposal"].pk)
    if name == "goodfaith_record_download":
        args += [world["record"].code, "json"]
    return args


def expected_portal(role, name):
    if role == "anonymous":
        return {302}
    if role in ("alice", "mia", "mats", "bob"):
        return {403}
    if role == "siri":
        return {404}
    if role == "ola" and name == "goodfaith_record_download":
        return {404}  # Kari's record
    return {200, 302, 400}


PORTAL_MEMBERS = ["ola", "kari"]
PORTAL_REFUSED = ["siri", "alice", "mia", "mats", "bob", "anonymous"]


def try_portal_page(client, world, role, name):
    method = "post" if name in POST_ONLY else "get"
    if world["users"][role] is not None:
        client.force_login(world["users"][role])
    response = getattr(client, method)(reverse(f"portal:{name}", args=portal_args(name, world)))
    assert response.status_code in expected_portal(role, name), (role, name)


@pytest.mark.parametrize("role", PORTAL_MEMBERS)
@pytest.mark.parametrize("name", PORTAL_PAGES)
def test_every_portal_dialogue_page_answers_only_the_cases_own_parties(client, world, role, name):
    try_portal_page(client, world, role, name)


# Everyone refused tries the page in one world: a refusal changes nothing the next one depends on.
@pytest.mark.parametrize("name", PORTAL_PAGES)
def test_every_portal_dialogue_page_refuses_everyone_else(world, name):
    for role in PORTAL_REFUSED:
        try_portal_page(Client(), world, role, name)


@pytest.mark.parametrize("name", ["messages", "proposals", "proposal"])
def test_the_other_party_never_sees_the_mediator_channel_and_outsiders_see_nothing(client, world, name):
    args = portal_args(name, world)
    client.force_login(world["users"]["ola"])
    assert "KARIS-MEGLERKANAL" not in client.get(reverse(f"portal:{name}", args=args)).content.decode()
    client.force_login(world["users"]["siri"])
    assert client.get(reverse(f"portal:{name}", args=args)).status_code == 404


def test_a_party_of_another_case_cannot_post_anything(client, world):
    case = world["case"]
    before = case.events.count()
    client.force_login(world["users"]["siri"])
    for name in ("write_message", "message_setting", "mediator_channel", "proposals", "goodfaith_record"):
        response = client.post(reverse(f"portal:{name}", args=[case.reference]), {"text": "x", "to": "1"})
        assert response.status_code == 404, name
    response = client.post(reverse("portal:answer_proposal", args=[case.reference, world["proposal"].pk]))
    assert response.status_code == 404
    assert case.events.count() == before


def workspace_args(name, world):
    args = [world["case"].reference]
    if "proposal" in name:
        return [*args, world["proposal"].pk]
    return [*args, world["hold"].pk] if name.startswith("held_") else args


def expected_workspace(role, name):
    if role == "anonymous":
        return {302}
    if role in ("ola", "kari", "siri"):
        return {403}
    if role in ("bob", "mats"):
        return {404}
    if role == "alice" and name == "messages_open_contact":
        return {403}  # only an assigned mediator opens direct contact despite a concern
    return {200, 302, 400}


WORKSPACE_STAFF = ["alice", "mia"]
WORKSPACE_REFUSED = ["ola", "kari", "siri", "mats", "bob", "anonymous"]


def try_workspace_page(client, world, role, name):
    method = "get" if name == "messages" else "post"  # the other method is a 405 for everyone
    if world["users"][role] is not None:
        client.force_login(world["users"][role])
    response = getattr(client, method)(reverse(f"workspace:{name}", args=workspace_args(name, world)))
    assert response.status_code in expected_workspace(role, name), (role, name, method)


@pytest.mark.parametrize("role", WORKSPACE_STAFF)
@pytest.mark.parametrize("name", WORKSPACE_PAGES)
def test_every_workspace_dialogue_page_refuses_other_offices_and_unassigned_staff(client, world, role, name):
    try_workspace_page(client, world, role, name)


# Everyone refused tries the page in one world: a refusal changes nothing the next one depends on.
@pytest.mark.parametrize("name", WORKSPACE_PAGES)
def test_every_workspace_dialogue_page_refuses_parties_other_offices_and_unassigned_staff(world, name):
    for role in WORKSPACE_REFUSED:
        try_workspace_page(Client(), world, role, name)
