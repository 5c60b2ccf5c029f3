"""Every role against every agreement page, in the workspace and in the portal.

Workspace: alice (caseworker of the office) and mia (assigned mediator) draft and record paper
signatures; only mia approves or refuses (alice gets 403); only alice closes without an agreement; bob (other office) and mats (not
assigned) get 404; outsider 403; anonymous is sent to sign in. Portal: only the case's own parties
and guardians read and sign; everyone else gets 404, staff 403.
"""

import pytest
from django.test import Client
from django.urls import reverse

from mekle.agreements import services
from mekle.agreements.models import AgreementVersion, Signature
from mekle.mediators import services as mediator_services
from mekle.testing.agreements import draft, hold_meeting_with_agreement
from mekle.testing.cast import portal_user_of

VIEW, DRAFT, APPROVE, MANAGE = "view", "draft", "approve", "manage"
GET_PAGES = {
    "agreement": VIEW,
    "agreement_version": VIEW,
    "agreement_edit": DRAFT,
    "agreement_record_signature": DRAFT,
    "agreement_approve": APPROVE,
    "agreement_refuse": APPROVE,
    "agreement_close_without": MANAGE,
    "agreement_send": DRAFT,  # asks to confirm first
}
POST_ACTIONS = {"agreement_start": DRAFT, "agreement_send": DRAFT, "agreement_revise": DRAFT}
STAFF = ["alice", "bob", "mia", "mats", "outsider", "anonymous"]
PORTAL = ["ola", "kari", "siri", "hanne", "emil", "alice", "mia", "bob", "anonymous"]
MATRIX_ROUTES = {f"workspace:{name}" for name in {*GET_PAGES, *POST_ACTIONS}} | {"portal:agreement"}


@pytest.fixture
def world(alice, bob, mia, mats, outsider, case, other_case, minor_case):
    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    for each in (case, minor_case):
        hold_meeting_with_agreement(alice, mia, each)
        services.send_for_signing(actor=mia, version=draft(mia, each))
    emil = minor_case.parties.get(full_name="Emil Olsen")
    users = {
        "alice": alice,
        "bob": bob,
        "mia": mia,
        "mats": mats,
        "outsider": outsider,
        "anonymous": None,
        "ola": portal_user_of(case.parties.get(full_name="Ola Nordmann")),
        "kari": portal_user_of(case.parties.get(full_name="Kari Nordmann")),
        "siri": portal_user_of(other_case.parties.get(full_name="Siri Strand")),
        "hanne": portal_user_of(emil, emil.guardians.get()),
        "emil": portal_user_of(emil),
    }
    return {"case": case, "minor_case": minor_case, "users": users}


def staff_expected(role, need, *, post=False):
    if role == "anonymous":
        return {302}
    if role == "outsider":
        return {403}
    if role in ("bob", "mats"):
        return {404}
    if role == "alice" and need == APPROVE:
        return {403}
    if role == "mia" and need == MANAGE:
        return {403}
    if post:
        return {302}
    return {200, 302}  # a frozen version's edit page and the agreement's front page lead on


def signed_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


def workspace_url(name, case):
    args = (
        [case.reference] if name in ("agreement", "agreement_start", "agreement_close_without") else [case.reference, 1]
    )
    return reverse(f"workspace:{name}", args=args)


# One world per page, every role tried in it: GETs change nothing a status depends on.
@pytest.mark.parametrize(("name", "need"), sorted(GET_PAGES.items()))
def test_agreement_pages_let_in_only_who_may(world, name, need):
    for role in STAFF:
        response = signed_in(Client(), world["users"][role]).get(workspace_url(name, world["minor_case"]))
        assert response.status_code in staff_expected(role, need), (role, name, response.status_code)
        if role == "anonymous":
            assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", STAFF)
@pytest.mark.parametrize(("name", "need"), sorted(POST_ACTIONS.items()))
def test_agreement_actions_let_in_only_who_may(client, world, role, name, need):
    response = signed_in(client, world["users"][role]).post(workspace_url(name, world["minor_case"]))
    assert response.status_code in staff_expected(role, need, post=True), (role, name)


@pytest.mark.parametrize("role", ["alice", "bob", "mats", "outsider", "anonymous"])
def test_refused_approvals_and_signatures_change_nothing(client, world, role):
    case = world["minor_case"]
    before = case.events.count()
    emil = case.parties.get(full_name="Emil Olsen")
    user = signed_in(client, world["users"][role])
    user.post(workspace_url("agreement_approve", case), {"confirm": "on"})
    user.post(workspace_url("agreement_refuse", case), {"reason": "Nei."})
    if role != "alice":  # alice may revise and record signatures; she may not approve or refuse
        user.post(workspace_url("agreement_revise", case))
        user.post(
            workspace_url("agreement_record_signature", case),
            {"signer": f"{emil.pk}-0", "signed_on": "2026-01-01", "confirm": "on"},
        )
    assert case.events.count() == before
    assert AgreementVersion.objects.get(agreement__case=case).status == "sent"


def portal_expected(role, case_key):
    members = {"case": {"ola", "kari"}, "minor_case": {"hanne", "emil"}}
    if role == "anonymous":
        return 302
    if role in ("alice", "mia", "bob"):
        return 403
    return 200 if role in members[case_key] else 404


def test_the_portal_agreement_answers_only_its_own_people(world):
    for case_key in ("case", "minor_case"):
        for role in PORTAL:
            reference = world[case_key].reference
            response = signed_in(Client(), world["users"][role]).get(reverse("portal:agreement", args=[reference]))
            assert response.status_code == portal_expected(role, case_key), (role, case_key)


@pytest.mark.parametrize("role", ["siri", "hanne", "emil", "alice", "mia", "bob", "anonymous"])
def test_nobody_signs_for_a_party_of_another_case(client, world, role):
    reference = world["case"].reference
    signed_in(client, world["users"][role]).post(reverse("portal:agreement", args=[reference]), {"agrees": "on"})
    assert not Signature.objects.filter(version__agreement__case=world["case"]).exists()
