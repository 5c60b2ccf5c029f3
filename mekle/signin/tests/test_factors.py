"""One's own sign-in factors, and the administrator's reset of another person's."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from mekle.accounts.models import Role
from mekle.signin import rules, services
from mekle.signin.models import StaffAuditEntry, StaffAuditKind
from mekle.signin.signals import factors_changed
from mekle.testing.cast import make_user
from mekle.testing.second_factor import app_of, current_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db):
    return make_user("ada", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def changes():
    sent = []

    def receive(sender, **kwargs):
        sent.append(kwargs)

    factors_changed.connect(receive)
    yield sent
    factors_changed.disconnect(receive)


def test_the_page_lists_the_persons_own_factors_and_codes(client, alice):
    services.make_recovery_codes(user=alice)
    client.force_login(alice)

    response = client.get(reverse("signin:factors"))

    assert response.status_code == 200
    assert [row["device"] for row in response.context["factors"]] == [app_of(alice)]
    assert response.context["codes_left"] == 10


def test_a_second_app_is_added_with_a_code_and_then_the_first_can_go(
    client, alice, changes, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    first = app_of(alice)
    client.get(reverse("signin:add_app"))
    new = TOTPDevice.objects.get(user=alice, confirmed=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("signin:add_app"), {"code": current_code(new)})
    assert response["Location"].startswith(reverse("signin:recovery_codes"))  # her first codes
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("signin:remove_factor", args=["totp", first.pk]))

    assert list(TOTPDevice.objects.filter(user=alice)) == [new]
    assert [c["user"] for c in changes] == [alice, alice]
    assert StaffAuditKind.FACTOR_REMOVED in StaffAuditEntry.objects.values_list("kind", flat=True)


def test_the_last_factor_cannot_be_removed(client, alice):
    client.force_login(alice)
    only = app_of(alice)

    client.post(reverse("signin:remove_factor", args=["totp", only.pk]))

    assert TOTPDevice.objects.filter(pk=only.pk).exists()


def test_one_person_cannot_see_or_remove_anothers_factor(client, alice, mia):
    theirs = app_of(mia)
    app_of(alice)
    TOTPDevice.objects.create(user=mia, name="second", confirmed=True)
    client.force_login(alice)

    assert client.post(reverse("signin:remove_factor", args=["totp", theirs.pk])).status_code == 404
    assert [row["device"].user for row in client.get(reverse("signin:factors")).context["factors"]] == [alice]
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_an_administrator_resets_a_persons_factors_in_the_admin(
    client, administrator, alice, changes, django_capture_on_commit_callbacks
):
    app_of(alice)
    services.make_recovery_codes(user=alice)
    client.force_login(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "reset_second_factors", "_selected_action": [alice.pk]},
        )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not StaticDevice.objects.filter(user=alice).exists()
    entry = StaffAuditEntry.objects.get(kind=StaffAuditKind.FACTORS_RESET)
    assert (entry.user, entry.actor) == (alice, administrator)
    assert [(c["user"], c["actor"]) for c in changes] == [(alice, administrator)]


@pytest.mark.parametrize("who", ["alice", "mia", "party", "staff_without_role"])
def test_nobody_but_an_administrator_or_superuser_can_reset(who, alice, mia, ola_user):
    people = {"alice": alice, "mia": mia, "party": ola_user, "staff_without_role": make_user("desk", is_staff=True)}
    app_of(mia)
    with pytest.raises(PermissionDenied):
        services.reset_factors(person=mia, actor=people[who])
    assert TOTPDevice.objects.filter(user=mia).exists()


def test_a_caseworker_does_not_see_the_reset_action(client, alice):
    alice.is_staff = True
    alice.save()
    assert not rules.can_reset_factors(alice)
    assert rules.can_reset_factors(make_user("root", is_superuser=True))


def test_who_needs_a_second_factor(alice, mia, outsider, ola_user, administrator):
    from django.contrib.auth.models import AnonymousUser

    assert [rules.needs_second_factor(u) for u in (alice, mia, administrator)] == [True, True, True]
    assert [rules.needs_second_factor(u) for u in (outsider, ola_user, AnonymousUser())] == [False, False, False]
    assert rules.needs_second_factor(make_user("manager", role=Role.MANAGER))
    assert not rules.needs_second_factor(make_user("parent", role=Role.JOURNAL))


def test_a_factor_is_its_owners_alone(alice, mia, ola_user):
    device = app_of(alice)
    assert rules.owns_factor(alice, device)
    assert not rules.owns_factor(mia, device)
    assert not rules.owns_factor(ola_user, device)
