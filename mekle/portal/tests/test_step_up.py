"""With ID-porten on, the messages, the agreement documents and the good-faith record need a session
at idporten-loa-substantial or higher; a link session (or a lower level) is asked to step up, and
comes back to the page it asked for. Without ID-porten the link stays the way in.

The end-to-end tests run against the same real OpenID provider (oidc-provider-mock) as test_oidc.py.
"""

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils.http import urlencode

from mekle.agreements import services as agreement_services
from mekle.dialogue.models import Message, Thread
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.signin import assurance
from mekle.testing.agreement_rows import approved_version
from mekle.testing.oidc import authorise, person_at_provider, query_of, running_provider, use_provider

OLA_PID = "17058040061"
FAILED_URL = "/portal/sign-in/id-porten-failed/"
LOW, SUBSTANTIAL, HIGH = assurance.LEVELS

# authlib, inside the mock provider, warns about its own deprecated API on every token it issues.
pytestmark = pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with running_provider() as base_url:
        yield base_url


@pytest.fixture
def id_porten(settings, provider):
    use_provider(settings, provider)
    return provider


@pytest.fixture
def guarded(case, mia):
    """Every guarded page of `case` that a GET opens, by name."""
    (document,) = agreement_services.create_agreement_documents(approved_version(case, mediator=mia))
    reference = case.reference
    return {
        "messages": reverse("portal:messages", args=[reference]),
        "proposals": reverse("portal:proposals", args=[reference]),
        "goodfaith_record": reverse("portal:goodfaith_record", args=[reference]),
        "agreement": reverse("portal:agreement", args=[reference]),
        "agreement_document": reverse("portal:agreement_document", args=[reference, document.pk]),
    }


@pytest.fixture
def link_session(client, ola_user):
    """Ola signed in with a link: a session with no ID-porten level."""
    client.force_login(ola_user)
    client.cookies["django_language"] = "en"
    return client


def at_level(client, acr):
    session = client.session
    session[assurance.SESSION_KEY] = acr
    session.save()


def step_up_url(next_url):
    return reverse("portal:step_up") + "?" + urlencode({"next": next_url})


def test_without_id_porten_the_link_opens_every_guarded_page(link_session, guarded):
    for name, url in guarded.items():
        assert link_session.get(url).status_code == 200, name


def test_with_id_porten_a_link_session_is_asked_to_step_up_on_every_guarded_page(settings, link_session, guarded):
    settings.MEKLE_OIDC_ENABLED = True
    for name, url in guarded.items():
        response = link_session.get(url)
        assert response.status_code == 302, name
        assert response["Location"] == step_up_url(url), name


@pytest.mark.parametrize(("acr", "opens"), [(LOW, False), ("", False), (SUBSTANTIAL, True), (HIGH, True)])
def test_only_substantial_or_high_opens_the_guarded_pages(settings, link_session, guarded, acr, opens):
    settings.MEKLE_OIDC_ENABLED = True
    at_level(link_session, acr)
    for name, url in guarded.items():
        assert (link_session.get(url).status_code == 200) is opens, name


def test_the_rest_of_the_case_stays_open_to_a_link_session(settings, link_session, case):
    settings.MEKLE_OIDC_ENABLED = True
    for name in ("case", "information", "consent", "preparation", "access_log"):
        assert link_session.get(reverse(f"portal:{name}", args=[case.reference])).status_code == 200, name


def test_a_message_sent_from_a_link_session_is_not_sent(settings, link_session, case, kari, contact_open):
    settings.MEKLE_OIDC_ENABLED = True
    response = link_session.post(reverse("portal:write_message", args=[case.reference]), {"to": kari.pk, "text": "Hei"})
    assert response["Location"] == step_up_url(reverse("portal:case", args=[case.reference]))
    assert not Message.objects.exists()


def test_the_switch_to_the_mediator_works_at_once_but_switching_back_asks_to_step_up(
    settings, link_session, case, contact_open
):
    settings.MEKLE_OIDC_ENABLED = True
    url = reverse("portal:mediator_channel", args=[case.reference])
    assert link_session.post(url).status_code == 302
    assert Thread.objects.get(case=case).mediator_only

    response = link_session.post(url, {"direct": "on"})

    assert response["Location"] == step_up_url(reverse("portal:case", args=[case.reference]))
    assert Thread.objects.get(case=case).mediator_only


def test_the_step_up_page_explains_and_its_button_starts_id_porten_back_to_the_page(settings, link_session, guarded):
    settings.MEKLE_OIDC_ENABLED = True
    response = link_session.get(step_up_url(guarded["messages"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "You signed in with a link we sent you." in body
    assert "security level substantial or high" in body
    assert f'href="{reverse("oidc_authentication_init")}?step_up=1&amp;next={guarded["messages"]}"' in body
    assert "<script" not in body.split("<main", 1)[-1]
    assert "style=" not in body


def test_the_step_up_page_says_so_when_the_level_was_too_low(settings, link_session):
    settings.MEKLE_OIDC_ENABLED = True
    at_level(link_session, LOW)
    body = link_session.get(step_up_url("/portal/")).content.decode()
    assert "at a security level that is too low for this page" in body


def test_the_step_up_page_sends_a_stepped_up_session_on_and_never_off_site(settings, link_session, guarded):
    settings.MEKLE_OIDC_ENABLED = True
    body = link_session.get(step_up_url("https://evil.example/")).content.decode()
    assert 'step_up=1&amp;next=/portal/"' in body  # the button goes to ID-porten and then home, not to evil
    assert "evil.example" not in body.split("<main", 1)[-1]
    at_level(link_session, HIGH)
    assert link_session.get(step_up_url(guarded["messages"]))["Location"] == guarded["messages"]
    assert link_session.get(step_up_url("https://evil.example/"))["Location"] == reverse("portal:home")


def test_a_sign_in_with_a_link_leaves_no_level_from_before(settings, client, alice, ola, guarded):
    settings.MEKLE_OIDC_ENABLED = True
    at_level(client, HIGH)  # whatever this browser proved before
    link = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    token = urlsplit(link.url).query.split("token=", 1)[1]
    assert client.post(urlsplit(link.url).path, {"token": token}).status_code == 302
    assert assurance.level_of(client.session) == ""
    assert client.get(guarded["messages"])["Location"] == step_up_url(guarded["messages"])


# --- end to end, against the provider ------------------------------------------------------------


def start_step_up(client, next_url):
    """Press the step-up page's button: returns the provider's authorisation URL."""
    page = client.get(step_up_url(next_url))
    assert page.status_code == 200
    start = client.get(reverse("oidc_authentication_init"), {"step_up": "1", "next": next_url})
    assert start.status_code == 302
    return start["Location"]


@pytest.fixture
def ola_with_pid(ola, ola_user):
    ola.national_id = OLA_PID
    ola.save()
    return ola_user


def test_a_link_session_steps_up_with_id_porten_and_comes_back_to_the_messages(
    id_porten, link_session, ola_with_pid, guarded
):
    person_at_provider(id_porten, "ola-step-up", pid=OLA_PID, acr=SUBSTANTIAL)
    key_before = link_session.session.session_key
    assert link_session.get(guarded["messages"])["Location"] == step_up_url(guarded["messages"])

    authorize_url = start_step_up(link_session, guarded["messages"])
    assert authorize_url.startswith(f"{id_porten}/oauth2/authorize?")
    assert query_of(authorize_url)["acr_values"] == SUBSTANTIAL
    back = authorise(link_session, authorize_url, "ola-step-up")

    assert back.status_code == 302
    assert back["Location"] == guarded["messages"]
    assert str(link_session.session[SESSION_KEY]) == str(ola_with_pid.pk)  # the same person, now stepped up
    assert link_session.session.session_key != key_before
    assert assurance.level_of(link_session.session) == SUBSTANTIAL
    assert link_session.get(guarded["messages"]).status_code == 200


def test_an_acr_below_the_required_level_is_refused_and_the_page_stays_closed(
    id_porten, link_session, ola_with_pid, guarded, case
):
    person_at_provider(id_porten, "ola-low", pid=OLA_PID, acr=LOW)

    back = authorise(link_session, start_step_up(link_session, guarded["messages"]), "ola-low")

    assert back["Location"] == FAILED_URL
    assert "does not give a high enough security level" in link_session.get(FAILED_URL).content.decode()
    assert assurance.level_of(link_session.session) == ""
    assert link_session.get(guarded["messages"])["Location"] == step_up_url(guarded["messages"])
    assert str(link_session.session[SESSION_KEY]) == str(ola_with_pid.pk)  # still signed in with the link
    assert link_session.get(reverse("portal:case", args=[case.reference])).status_code == 200


def test_a_sign_in_at_a_lower_accepted_level_still_steps_up_for_the_guarded_pages(
    id_porten, settings, client, ola_with_pid, guarded
):
    settings.MEKLE_OIDC_ACR_VALUES = [LOW, SUBSTANTIAL, HIGH]  # this service lets MinID-low sign in
    settings.OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"acr_values": LOW}
    person_at_provider(id_porten, "ola-minid-low", pid=OLA_PID, acr=LOW)
    plain = client.get(reverse("oidc_authentication_init"))
    assert query_of(plain["Location"])["acr_values"] == LOW
    assert authorise(client, plain["Location"], "ola-minid-low")["Location"] == "/portal/"
    assert assurance.level_of(client.session) == LOW

    assert client.get(guarded["messages"])["Location"] == step_up_url(guarded["messages"])
    authorize_url = start_step_up(client, guarded["messages"])
    assert query_of(authorize_url)["acr_values"] == SUBSTANTIAL  # the step-up asks for more than plain sign-in
    person_at_provider(id_porten, "ola-minid-low", pid=OLA_PID, acr=HIGH)  # now with BankID
    assert authorise(client, authorize_url, "ola-minid-low")["Location"] == guarded["messages"]
    assert client.get(guarded["messages"]).status_code == 200
