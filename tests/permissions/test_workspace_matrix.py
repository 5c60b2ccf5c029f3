"""Every role against every workspace page of a case: who gets in, and who must not.

Roles (see conftest): alice, caseworker at the case's office; bob, caseworker at another office;
mia, the assigned mediator; mats, a mediator at the same office who is not assigned; outsider,
signed in with no role; and anonymous. Missing and forbidden look the same (404) to anyone who
may not see the case at all; a person who may see it but not do the step gets 403.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from mekle.access.models import AccessLogEntry
from mekle.cases.models import CaseType, ReferrerKind
from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.models import PortalInvitation
from mekle.parties.participants import Participant
from mekle.testing.cast import adult, make_ready, portal_user_of
from mekle.workspace import urls as workspace_urls

VIEW = "view"  # caseworkers of the office and the assigned mediator
MANAGE = "manage"  # caseworkers of the office only

# Every route of workspace/urls.py itself (the agreement, follow-up and message URL modules it
# includes have matrices of their own). A new route is tried by every role the moment it exists:
# it needs VIEW unless it is listed in MANAGE_ONLY, and it is a page unless it is listed as a POST.
ROUTES = {str(p.name): p for p in workspace_urls.urlpatterns if isinstance(p, URLPattern)}
CASE_ROUTES = sorted(name for name, p in ROUTES.items() if "reference" in p.pattern.converters)
OFFICE_ROUTES = sorted(name for name, p in ROUTES.items() if "reference" not in p.pattern.converters)
MANAGE_ONLY = {
    "assess",
    "add_party",
    "add_guardian",
    "correct_party_contact",
    "correct_guardian_contact",
    "record_consent",
    "record_guardian_consent",
    "assign_mediator",
    "start_assessment",
    "unassign_mediator",
    "invite_party",
    "invite_guardian",
    "revoke_invitation",
    "waive_guardian_consent",
}
POST_ONLY = {
    "start_assessment",
    "invite_party",
    "invite_guardian",
    "revoke_invitation",
    "waive_guardian_consent",
}
# A page that asks first (saying what happens and who is told), and its POST.
CONFIRMED_POSTS = {"end_party_access", "end_guardian_access", "unassign_mediator", "cancel_meeting"}
GET_PAGES = {name: MANAGE if name in MANAGE_ONLY else VIEW for name in CASE_ROUTES if name not in POST_ONLY}
POST_ACTIONS = {
    name: MANAGE if name in MANAGE_ONLY else VIEW for name in CASE_ROUTES if name in POST_ONLY | CONFIRMED_POSTS
}
MATRIX_ROUTES = {f"workspace:{name}" for name in ROUTES}
POST_SHOWS_A_PAGE = {"invite_party", "invite_guardian"}  # the new link is shown once, not redirected to
ROLES = ["alice", "bob", "mia", "mats", "outsider", "anonymous"]


def expected_status(role, need, *, post=False, name=""):
    if role == "anonymous":
        return 302  # to the sign-in page
    if role == "outsider":
        return 403  # no workspace role at all
    if role in ("bob", "mats"):
        return 404  # cannot see the case: it does not exist for them
    if role == "mia" and need == MANAGE:
        return 403
    return 302 if post and name not in POST_SHOWS_A_PAGE else 200


@pytest.fixture
def world(request, alice, mia, mats, bob, outsider, minor_case):
    """A case at office A in preparation with a scheduled meeting; `minor_case` supplies a guardian."""
    case = minor_case
    mediator_services.assign_mediator(actor=alice, case=case, mediator=mia)
    make_ready(alice, case)
    meeting = mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=2),
        location="Rom 1",
    )
    party = case.parties.get(full_name="Emil Olsen")
    party_services.invite_to_portal(actor=alice, participant=Participant(party), send_email=False)
    party_services.invite_to_portal(
        actor=alice, participant=Participant(party, party.guardians.get()), send_email=False
    )
    invitation = PortalInvitation.objects.filter(party=party).latest("pk")
    users = {"alice": alice, "bob": bob, "mia": mia, "mats": mats, "outsider": outsider, "anonymous": None}
    return {
        "case": case,
        "users": users,
        "kwargs": {
            "reference": case.reference,
            "party_id": party.pk,
            "guardian_id": party.guardians.get().pk,
            "meeting_id": meeting.pk,
            "mediator_id": mia.pk,
            "invitation_id": invitation.pk,
        },
    }


def url_for(name, kwargs):
    """The page's URL, given only the parameters its route takes."""
    (pattern,) = [p for p in workspace_urls.urlpatterns if isinstance(p, URLPattern) and p.name == name]
    return reverse(f"workspace:{name}", kwargs={k: kwargs[k] for k in pattern.pattern.converters})


def signed_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


# One world per page, every role tried in it: GETs change nothing a status depends on.
@pytest.mark.parametrize(("name", "need"), sorted(GET_PAGES.items()))
def test_get_pages_let_in_only_who_may(world, name, need):
    for role in ROLES:
        response = signed_in(Client(), world["users"][role]).get(url_for(name, world["kwargs"]))
        assert response.status_code == expected_status(role, need), (role, name)


@pytest.mark.parametrize("role", ["alice", "mia"])
@pytest.mark.parametrize(("name", "need"), sorted(POST_ACTIONS.items()))
def test_post_actions_let_in_only_who_may(client, world, role, name, need):
    response = signed_in(client, world["users"][role]).post(url_for(name, world["kwargs"]))
    assert response.status_code == expected_status(role, need, post=True, name=name), (role, name)


# Everyone who cannot see the case tries the action in one world: a refusal changes nothing.
@pytest.mark.parametrize(("name", "need"), sorted(POST_ACTIONS.items()))
def test_post_actions_refuse_everyone_else(world, name, need):
    for role in ["bob", "mats", "outsider", "anonymous"]:
        response = signed_in(Client(), world["users"][role]).post(url_for(name, world["kwargs"]))
        assert response.status_code == expected_status(role, need, post=True, name=name), (role, name)


@pytest.mark.parametrize("role", ["bob", "mats", "outsider", "anonymous"])
@pytest.mark.parametrize("name", ["record_withdrawal", "record_consent", "record_preparation", "assess"])
def test_refused_posts_change_nothing(client, world, role, name):
    case = world["case"]
    events_before = case.events.count()
    signed_in(client, world["users"][role]).post(
        url_for(name, world["kwargs"]),
        {
            "confirm": "on",
            "given_on": "2026-01-01",
            "method": "phone",
            "information_given": "x",
            "held_on": "2026-01-01",
            "form": "phone",
        },
    )
    assert case.events.count() == events_before


def test_a_mediator_sees_only_the_cases_assigned_to_them(client, world, alice, office_a):
    not_assigned = party_services.register_referral(
        actor=alice,
        office=office_a,
        case_type=CaseType.CIVIL,
        referrer_kind=ReferrerKind.SCHOOL,
        parties=[adult("Nils Nilsen")],
    )
    response = signed_in(client, world["users"]["mia"]).get(reverse("workspace:case_list"))
    shown = [c.reference for c in response.context["page"].object_list]
    assert shown == [world["case"].reference]
    assert not_assigned.reference not in response.content.decode()


def test_a_caseworker_sees_only_their_own_offices_cases(client, world):
    response = signed_in(client, world["users"]["bob"]).get(reverse("workspace:case_list"))
    assert response.status_code == 200
    assert world["case"].reference not in response.content.decode()


def test_an_unassigned_mediator_sees_no_cases(client, world):
    response = signed_in(client, world["users"]["mats"]).get(reverse("workspace:case_list"))
    assert response.context["page"].paginator.count == 0


def test_the_case_list_is_closed_to_outsiders_and_anonymous(client, world):
    assert signed_in(client, world["users"]["outsider"]).get(reverse("workspace:case_list")).status_code == 403
    client.logout()
    response = client.get(reverse("workspace:case_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_refused_read_leaves_no_access_log_row(client, world):
    signed_in(client, world["users"]["bob"]).get(url_for("case_page", world["kwargs"]))
    assert not AccessLogEntry.objects.exists()


# A notice is its owner's alone: everyone else, even staff who may see its case, gets 404.
NOTICE_STATUS = {"alice": 302, "bob": 404, "mia": 404, "mats": 404, "outsider": 403, "anonymous": 302}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_notices_own_user_may_mark_it_seen(client, world, role):
    from mekle.notices.models import NoticeKind, StaffNotice

    notice = StaffNotice.objects.create(
        user=world["users"]["alice"], case=world["case"], kind=NoticeKind.WITHDRAWN, created_at=timezone.now()
    )
    response = signed_in(client, world["users"][role]).post(url_for("mark_notice_seen", {"notice_id": notice.pk}))
    assert response.status_code == NOTICE_STATUS[role], role
    notice.refresh_from_db()
    assert (notice.seen_at is not None) == (role == "alice")


@pytest.mark.parametrize("role", ["bob", "mats", "outsider", "anonymous", "party"])
@pytest.mark.parametrize("name", ["end_party_access", "end_guardian_access"])
def test_nobody_else_can_end_a_persons_portal_access(client, world, role, name):
    """Another office's caseworker, an unassigned mediator, a party (even of this case): refused, nothing ends."""
    case = world["case"]
    emil = case.parties.get(full_name="Emil Olsen")
    user = portal_user_of(emil) if role == "party" else world["users"][role]
    before = case.events.count()
    response = signed_in(client, user).post(url_for(name, world["kwargs"]))
    assert response.status_code in (302, 403, 404)
    if role == "party":
        assert response.status_code == 403
    emil.refresh_from_db()
    assert emil.user is not None
    assert emil.portal_access_ended_at is None
    assert case.events.count() == before


# Held messages wait on a desk of their own: any caseworker or mediator may open it (it lists only
# what is theirs to answer); a party, a signed-in outsider and anonymous may not.
NEEDS_ATTENTION_STATUS = {"alice": 200, "bob": 200, "mia": 200, "mats": 200, "outsider": 403, "anonymous": 302}


@pytest.mark.parametrize("role", [*ROLES, "party"])
def test_the_needs_attention_page_lets_in_only_staff(client, world, role):
    users = {**world["users"], "party": portal_user_of(world["case"].parties.get(full_name="Per Hansen"))}
    response = signed_in(client, users[role]).get(url_for("needs_attention", {}))
    assert response.status_code == {**NEEDS_ATTENTION_STATUS, "party": 403}[role], role


def test_the_matrix_names_only_routes_that_exist_and_classifies_every_case_route():
    assert set(CASE_ROUTES) >= MANAGE_ONLY | POST_ONLY | CONFIRMED_POSTS
    assert set(GET_PAGES) | set(POST_ACTIONS) == set(CASE_ROUTES)


# The office-wide pages (no case in the URL): who may open them.
OFFICE_PAGES = {
    "home": {"alice": 200, "bob": 200, "mia": 200, "mats": 200, "outsider": 403, "anonymous": 302},
    "case_list": {"alice": 200, "bob": 200, "mia": 200, "mats": 200, "outsider": 403, "anonymous": 302},
    "referral_new": {"alice": 200, "bob": 200, "mia": 403, "mats": 403, "outsider": 403, "anonymous": 302},
    "needs_attention": NEEDS_ATTENTION_STATUS,
}
OFFICE_POSTS = {"mark_notice_seen"}  # tried above, against a notice of alice's


def test_every_office_wide_route_is_tried():
    assert set(OFFICE_PAGES) | OFFICE_POSTS == set(OFFICE_ROUTES)


@pytest.mark.parametrize("name", sorted(OFFICE_PAGES))
def test_office_wide_pages_let_in_only_who_may(world, name):
    for role, expected in OFFICE_PAGES[name].items():
        response = signed_in(Client(), world["users"][role]).get(url_for(name, {}))
        assert response.status_code == expected, (role, name)
