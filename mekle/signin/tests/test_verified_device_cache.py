"""The session's verified second factor read from a shared cache: no query per staff page, and a
removed or unconfirmed factor felt on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from mekle.testing.second_factor import app_of

LIST = reverse("workspace:case_list")


@pytest.fixture
def shared_cache(settings):
    settings.MEKLE_SHARED_CACHE = True


def device_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    return response, [q["sql"] for q in queries if "otp_totp_totpdevice" in q["sql"]]


def test_a_kept_device_costs_no_query_after_the_first_request(shared_cache, client, alice):
    client.force_login(alice)
    _response, first = device_queries(client)
    response, second = device_queries(client)
    assert len(first) == 1
    assert second == []
    assert response.status_code == 200


def test_without_a_shared_cache_the_device_is_read_every_time(settings, client, alice):
    settings.MEKLE_SHARED_CACHE = False
    client.force_login(alice)
    device_queries(client)
    response, second = device_queries(client)
    assert len(second) == 1
    assert response.status_code == 200


def test_a_deleted_factor_no_longer_verifies_the_session(shared_cache, client, alice):
    client.force_login(alice)
    device_queries(client)
    TOTPDevice.objects.filter(pk=app_of(alice).pk).delete()
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("signin:enrol"))


def test_an_unconfirmed_factor_no_longer_verifies_the_session(shared_cache, client, alice):
    client.force_login(alice)
    device_queries(client)
    device = app_of(alice)
    device.confirmed = False
    device.save()
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("workspace:case_list") not in response["Location"].split("?")[0]


def test_another_persons_device_named_in_a_session_does_not_verify_it(shared_cache, client, alice, bob):
    """django-otp's own check (the device is the user's) still runs on a kept device."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(bob)
    device_queries(client)  # bob's device is now kept
    client.force_login(alice)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_of(bob).persistent_id
    session.save()
    response = client.get(LIST)
    assert response.status_code == 302
