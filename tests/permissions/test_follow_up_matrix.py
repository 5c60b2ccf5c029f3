"""Every role against every follow-up page and document download, in the workspace and the portal.

The world: `case` (Ola harmed, Kari the offender, Mia assigned) in follow-up of an approved
agreement whose fulfilment date is today, every commitment already answered once, with the signed
agreement and the referrer's outcome report stored. Workspace: alice (caseworker of the office) and
mia (assigned mediator) open the follow-up page and the documents; only alice answers for a
commitment and concludes (mia gets 403); bob (other office) and mats (not assigned) get 404; the
outsider and a party get 403; anonymous is sent to sign in. Portal: only the case's own parties see
its follow-up and download its agreement (never the outcome report); only Ola, to whom the promises
were made, answers; a party of another case gets 404, staff and journal keepers 403, anonymous is
sent to the portal's sign-in help.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from mekle.agreements.models import CommitmentCheck, DocumentKind
from mekle.cases.models import Status
from mekle.lib import clock
from mekle.portal import urls as portal_urls
from mekle.testing.agreement_rows import answered, approved_version, stored_document
from mekle.testing.cast import portal_user_of
from mekle.testing.journal import keeper
from mekle.workspace import urls as workspace_urls


def follow_up_group(door_urls):
    """The routes a door includes under a case's `follow-up/` (the group whose page is `follow_up`)."""
    (group,) = [
        p
        for p in door_urls.urlpatterns
        if isinstance(p, URLResolver) and any(getattr(q, "name", None) == "follow_up" for q in p.url_patterns)
    ]
    return {str(q.name): q for q in group.url_patterns if isinstance(q, URLPattern)}


VIEW, MANAGE = "view", "manage"  # the case's staff; the office's caseworkers only
WORKSPACE = follow_up_group(workspace_urls)
PORTAL = follow_up_group(portal_urls)
WORKSPACE_GETS = {"follow_up": VIEW, "agreement_document": VIEW}
WORKSPACE_POSTS = {"check_commitment": MANAGE, "conclude_by_answers": MANAGE}
PORTAL_GETS = ["follow_up", "agreement_document"]
MATRIX_ROUTES = {f"workspace:{name}" for name in WORKSPACE} | {f"portal:{name}" for name in PORTAL}

STAFF_ROLES = ["alice", "bob", "mia", "mats", "outsider", "ola", "anonymous"]
PORTAL_ROLES = ["ola", "kari", "siri", "hanne", "emil", "nora", "alice", "mia", "bob", "anonymous"]
MEMBERS = {"ola", "kari"}


@pytest.fixture
def world(settings, tmp_path, alice, bob, mia, mats, outsider, case, other_case, minor_case):
    settings.MEDIA_ROOT = tmp_path
    version = approved_version(case, mediator=mia, fulfilment_date=clock.today())
    answered(version, by=alice)
    agreement = stored_document(version, DocumentKind.AGREEMENT)
    report = stored_document(version, DocumentKind.OUTCOME_REPORT)
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
        "nora": keeper("Nora Berg", "nora@example.no"),
    }
    promise = version.commitments.get(position=1)
    ids = {"reference": case.reference, "commitment_id": promise.pk, "document_id": agreement.pk}
    return {"case": case, "users": users, "ids": ids, "promise": promise, "agreement": agreement, "report": report}


def url(door, name, ids, **changes):
    routes = WORKSPACE if door == "workspace" else PORTAL
    ids = {**ids, **changes}
    return reverse(
        f"{door}:{name}", kwargs={"reference": ids["reference"]} | {k: ids[k] for k in routes[name].pattern.converters}
    )


def signed_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


def staff_expected(role, need, *, post=False):
    if role == "anonymous":
        return 302  # to the sign-in page
    if role in ("outsider", "ola"):
        return 403  # no workspace role at all
    if role in ("bob", "mats"):
        return 404  # cannot see the case: it does not exist for them
    if role == "mia" and need == MANAGE:
        return 403
    return 302 if post else 200


def portal_expected(role):
    if role == "anonymous":
        return 302  # to the portal's sign-in help
    if role in ("alice", "mia", "bob", "nora"):
        return 403  # staff have the workspace; a journal keeper is no party
    return 200 if role in MEMBERS else 404


def test_the_matrix_classifies_every_follow_up_route():
    assert set(WORKSPACE_GETS) | set(WORKSPACE_POSTS) == set(WORKSPACE)
    assert set(PORTAL_GETS) == set(PORTAL)


# One world per page, every role tried in it: GETs change nothing a status depends on.
@pytest.mark.parametrize(("name", "need"), sorted(WORKSPACE_GETS.items()))
def test_workspace_follow_up_pages_let_in_only_who_may(world, name, need):
    for role in STAFF_ROLES:
        response = signed_in(Client(), world["users"][role]).get(url("workspace", name, world["ids"]))
        assert response.status_code == staff_expected(role, need), (role, name)
        if role == "anonymous":
            assert response["Location"].startswith(reverse("login"))


POST_DATA = {
    "check_commitment": lambda world: {f"c{world['promise'].pk}-kept": "no"},
    "conclude_by_answers": lambda world: {"choice": "fulfilled"},
}


@pytest.mark.parametrize("role", STAFF_ROLES)
@pytest.mark.parametrize(("name", "need"), sorted(WORKSPACE_POSTS.items()))
def test_workspace_follow_up_actions_let_in_only_who_may(client, world, role, name, need):
    case = world["case"]
    before = case.events.count()
    response = signed_in(client, world["users"][role]).post(
        url("workspace", name, world["ids"]), POST_DATA[name](world)
    )
    assert response.status_code == staff_expected(role, need, post=True), (role, name)
    case.refresh_from_db()
    if role == "alice":
        assert case.events.count() == before + (1 if name == "check_commitment" else 2)  # concluded, then closed
        assert case.status == (Status.IN_FOLLOW_UP if name == "check_commitment" else Status.FULFILLED)
    else:
        assert case.events.count() == before  # a refusal changes nothing
        assert case.status == Status.IN_FOLLOW_UP


@pytest.mark.parametrize("name", sorted(WORKSPACE_POSTS))
def test_workspace_follow_up_actions_take_only_a_post(client, world, name):
    response = signed_in(client, world["users"]["alice"]).get(url("workspace", name, world["ids"]))
    assert response.status_code == 405


def test_staff_get_no_document_of_another_case_under_this_ones_reference(client, world, mia, other_case):
    other = approved_version(other_case, mediator=mia)
    elsewhere = stored_document(other, DocumentKind.AGREEMENT)
    signed_in(client, world["users"]["alice"])
    assert client.get(url("workspace", "agreement_document", world["ids"], document_id=elsewhere.pk)).status_code == 404
    report = url("workspace", "agreement_document", world["ids"], document_id=world["report"].pk)
    assert client.get(report).status_code == 200  # the staff's own copy of the outcome report


@pytest.mark.parametrize("name", PORTAL_GETS)
def test_portal_follow_up_pages_answer_only_the_cases_own_parties(world, name):
    for role in PORTAL_ROLES:
        response = signed_in(Client(), world["users"][role]).get(url("portal", name, world["ids"]))
        assert response.status_code == portal_expected(role), (role, name)
        if role == "anonymous":
            assert response["Location"].startswith(reverse("portal:sign_in_help"))


@pytest.mark.parametrize("role", ["ola", "kari", "emil", "hanne"])
def test_no_party_downloads_the_outcome_report(client, world, role):
    report = url("portal", "agreement_document", world["ids"], document_id=world["report"].pk)
    assert signed_in(client, world["users"][role]).get(report).status_code == 404


# Only Ola, to whom the promise was made, answers for it; Kari made it and has nothing to answer.
ANSWER_STATUS = {**{role: portal_expected(role) for role in PORTAL_ROLES}, "ola": 302, "kari": 404}


@pytest.mark.parametrize("role", PORTAL_ROLES)
def test_only_the_complainant_answers_in_the_portal(client, world, role):
    promise = world["promise"]
    checks_before = CommitmentCheck.objects.count()
    response = signed_in(client, world["users"][role]).post(
        url("portal", "follow_up", world["ids"]), {"commitment": promise.pk, f"c{promise.pk}-kept": "no"}
    )
    assert response.status_code == ANSWER_STATUS[role], role
    assert CommitmentCheck.objects.count() == checks_before + (1 if role == "ola" else 0)
