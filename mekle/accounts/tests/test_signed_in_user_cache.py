"""The signed-in user read from a shared cache: no query per request, and every change felt at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mekle.accounts.backends import OfficeAwareModelBackend

LIST = reverse("workspace:case_list")


@pytest.fixture
def cached_users(settings):
    settings.MEKLE_SHARED_CACHE = True


def user_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    # The user's own row (the mediator choices read other users' names, not their passwords).
    return response, [q["sql"] for q in queries if '"accounts_user"."password"' in q["sql"]]


def test_a_cached_user_costs_no_query_after_the_first_request(cached_users, client, alice):
    client.force_login(alice)
    _response, first = user_queries(client)
    response, second = user_queries(client)
    assert len(first) == 1
    assert second == []
    assert response.status_code == 200
    assert "Konfliktrådet i Oslo" in response.content.decode()


def test_without_a_shared_cache_the_user_is_read_every_time(settings, client, alice):
    settings.MEKLE_SHARED_CACHE = False
    client.force_login(alice)
    user_queries(client)
    _response, second = user_queries(client)
    assert len(second) == 1


def test_a_deactivated_user_is_signed_out_on_the_next_request(cached_users, client, alice):
    client.force_login(alice)
    user_queries(client)
    alice.is_active = False
    alice.save()
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_changed_password_signs_out_other_sessions(cached_users, client, alice):
    client.force_login(alice)
    user_queries(client)
    alice.set_password("a-brand-new-password-2026")
    alice.save()
    assert client.get(LIST).status_code == 302


def test_a_new_role_takes_effect_on_the_next_request(cached_users, client, alice):
    client.force_login(alice)
    user_queries(client)
    alice.role = ""
    alice.save()
    assert client.get(LIST).status_code == 403


def test_a_renamed_office_shows_its_new_name(cached_users, client, alice, office_a):
    client.force_login(alice)
    user_queries(client)
    office_a.name = "Konfliktrådet i Oslo og Akershus"
    office_a.save()
    assert "Konfliktrådet i Oslo og Akershus" in client.get(LIST).content.decode()


def test_signing_in_again_does_not_keep_a_stale_user(cached_users, alice):
    backend = OfficeAwareModelBackend()
    assert backend.get_user(alice.pk) == alice
    alice.first_name = "Alicia"
    alice.save(update_fields=["first_name"])
    user = backend.get_user(alice.pk)
    assert user is not None
    assert user.first_name == "Alicia"


def test_group_changes_drop_the_cached_user_from_either_side(cached_users, alice):
    from django.contrib.auth.models import Group

    backend = OfficeAwareModelBackend()
    group = Group.objects.create(name="Utvalg")
    backend.get_user(alice.pk)
    alice.groups.add(group)  # from the user's side
    user = backend.get_user(alice.pk)
    assert user is not None
    assert user.groups.count() == 1
    with CaptureQueriesContext(connection) as queries:
        backend.get_user(alice.pk)
    assert len(queries) == 0  # cached again
    group.user_set.remove(alice)  # from the group's side
    with CaptureQueriesContext(connection) as queries:
        backend.get_user(alice.pk)
    assert len(queries) == 1


def test_an_unknown_or_inactive_user_is_never_cached(cached_users, alice):
    backend = OfficeAwareModelBackend()
    assert backend.get_user(999_999) is None
    alice.is_active = False
    alice.save()
    assert backend.get_user(alice.pk) is None
    alice.is_active = True
    alice.save()
    assert backend.get_user(alice.pk) == alice
