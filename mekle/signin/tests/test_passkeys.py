"""Passkeys: added from one's own factor page, then used to confirm a sign-in, checked by py_webauthn
against a software authenticator (mekle/testing/authenticator.py)."""

import json

import pytest
from django.urls import reverse

from mekle.signin.models import PasskeyDevice, StaffAuditEntry, StaffAuditKind
from mekle.testing.authenticator import SoftwareAuthenticator, b64, unb64
from mekle.testing.second_factor import app_of, verify_session

pytestmark = pytest.mark.django_db
CASES = reverse("workspace:case_list")


def register(client, authenticator, name="Nøkkel"):
    options = client.post(reverse("signin:passkey_registration_options")).json()
    credential = authenticator.create(options)
    return client.post(reverse("signin:register_passkey"), {"credential": credential, "name": name})


def sign_in_with(client, user):
    client.post(reverse("login"), {"username": user.username, "password": f"pw-{user.username}"})


def test_a_passkey_is_registered_with_the_real_verification(client, alice):
    client.force_login(alice)
    authenticator = SoftwareAuthenticator()

    response = register(client, authenticator)

    assert response.status_code == 200
    assert response.json() == {"redirect": reverse("signin:factors")}
    device = PasskeyDevice.objects.get(user=alice)
    assert (bytes(device.credential_id), device.name, device.sign_count) == (authenticator.credential_id, "Nøkkel", 1)
    assert StaffAuditEntry.objects.filter(kind=StaffAuditKind.FACTOR_ADDED, detail="passkey").exists()


def test_a_registration_for_another_origin_is_refused(client, alice):
    client.force_login(alice)

    response = register(client, SoftwareAuthenticator(origin="https://phishing.example"))

    assert response.status_code == 400
    assert not PasskeyDevice.objects.exists()


def test_a_registration_without_its_challenge_is_refused(client, alice):
    client.force_login(alice)
    options = client.post(reverse("signin:passkey_registration_options")).json()
    credential = SoftwareAuthenticator().create(options)
    client.post(reverse("signin:register_passkey"), {"credential": credential})  # the challenge is used up

    assert client.post(reverse("signin:register_passkey"), {"credential": credential}).status_code == 400
    assert PasskeyDevice.objects.count() == 1


@pytest.mark.password_only
def test_a_passkey_confirms_the_sign_in(client, alice):
    client.force_login(alice)
    app_of(alice)
    verify_session(client, alice)
    authenticator = SoftwareAuthenticator()
    register(client, authenticator)
    client.logout()

    sign_in_with(client, alice)
    assert client.get(CASES).status_code == 302
    page = client.get(reverse("signin:second_factor"))
    assert page.context["passkeys"] is True
    options = client.post(reverse("signin:passkey_sign_in_options")).json()
    assert [c["id"] for c in options["allowCredentials"]] == [b64(authenticator.credential_id)]
    response = client.post(reverse("signin:passkey_sign_in"), {"credential": authenticator.get(options), "next": CASES})

    assert response.json() == {"redirect": CASES}
    assert client.get(CASES).status_code == 200
    assert PasskeyDevice.objects.get().sign_count == 2


@pytest.mark.password_only
@pytest.mark.parametrize("tamper", ["signature", "challenge", "counter"])
def test_a_tampered_assertion_is_refused(client, alice, tamper):
    client.force_login(alice)
    app_of(alice)
    verify_session(client, alice)
    authenticator = SoftwareAuthenticator()
    register(client, authenticator)
    client.logout()
    sign_in_with(client, alice)
    options = client.post(reverse("signin:passkey_sign_in_options")).json()
    if tamper == "challenge":
        options = {**options, "challenge": b64(b"another challenge, from another page")}
    if tamper == "counter":
        authenticator.sign_count = -1  # a clone that reports an older counter than the one on file
    credential = json.loads(authenticator.get(options))
    if tamper == "signature":
        signature = bytearray(unb64(credential["response"]["signature"]))
        signature[-1] ^= 1
        credential["response"]["signature"] = b64(bytes(signature))

    response = client.post(reverse("signin:passkey_sign_in"), {"credential": json.dumps(credential)})

    assert response.status_code == 400
    assert client.get(CASES).status_code == 302
    assert StaffAuditEntry.objects.filter(kind=StaffAuditKind.SECOND_FACTOR_FAILED).exists()


@pytest.mark.password_only
def test_another_persons_passkey_does_not_confirm_a_sign_in(client, alice, mia):
    for person in (alice, mia):
        app_of(person)
    client.force_login(mia)
    verify_session(client, mia)
    authenticator = SoftwareAuthenticator()
    register(client, authenticator)
    client.logout()
    sign_in_with(client, alice)
    options = client.post(reverse("signin:passkey_sign_in_options")).json()

    response = client.post(reverse("signin:passkey_sign_in"), {"credential": authenticator.get(options)})

    assert response.status_code == 400
    assert client.get(CASES).status_code == 302
