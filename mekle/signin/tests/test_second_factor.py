"""Signing in as staff: the password at /login/, then the second factor on its own page."""

import datetime as dt
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mekle.signin import services
from mekle.signin.models import StaffAuditEntry, StaffAuditKind
from mekle.testing.cast import make_user
from mekle.testing.second_factor import app_of, current_code, verify_session

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]
CASES = reverse("workspace:case_list")


def sign_in(client, user, next_url=""):
    data = {"username": user.username, "password": f"pw-{user.username}"}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def kinds():
    return list(StaffAuditEntry.objects.order_by("pk").values_list("kind", flat=True))


def test_the_first_sign_in_goes_to_enrolment_before_anything_else(client, alice):
    response = sign_in(client, alice, CASES)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('signin:enrol')}?next={quote(CASES, safe='')}"
    assert client.get(CASES)["Location"].startswith(reverse("signin:enrol"))


def test_enrolment_confirms_the_app_shows_ten_codes_once_and_lets_the_person_in(client, alice):
    sign_in(client, alice)
    page = client.get(reverse("signin:enrol"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    assert page.context["secret"].replace(" ", "") in device.config_url

    response = client.post(reverse("signin:enrol"), {"code": current_code(device), "next": CASES})

    assert response["Location"].startswith(reverse("signin:recovery_codes"))
    codes = client.get(response["Location"]).context["codes"]
    assert len(codes) == 10
    assert client.get(reverse("signin:recovery_codes"))["Location"] == reverse("signin:factors")  # once only
    assert client.get(CASES).status_code == 200
    # The password step is logged as a sign-in (the throttle's receiver), then what enrolment did.
    assert kinds() == [StaffAuditKind.SIGN_IN, StaffAuditKind.FACTOR_ADDED, StaffAuditKind.RECOVERY_CODES_MADE]


def test_a_wrong_code_does_not_confirm_the_app(client, alice):
    sign_in(client, alice)
    client.get(reverse("signin:enrol"))

    response = client.post(reverse("signin:enrol"), {"code": "000000"})

    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()
    assert client.get(CASES).status_code == 302


@pytest.mark.parametrize("path", [CASES, "/admin/", "/workspace/needs-attention/"])
def test_a_staff_page_without_a_verified_factor_sends_the_person_to_it(client, alice, path):
    alice.is_staff = True
    alice.save()
    app_of(alice)
    sign_in(client, alice)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('signin:second_factor')}?next={quote(path, safe='')}"


def test_the_sign_in_goes_on_to_the_second_factor_and_the_app_code_lets_in(client, alice):
    device = app_of(alice)

    response = sign_in(client, alice, CASES)
    assert response["Location"].startswith(reverse("signin:second_factor"))
    assert client.get(response["Location"]).status_code == 200

    response = client.post(reverse("signin:second_factor"), {"code": current_code(device), "next": CASES})

    assert response["Location"] == CASES
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(CASES).status_code == 200
    assert kinds()[-1] == StaffAuditKind.SECOND_FACTOR_VERIFIED


def test_a_used_app_code_is_not_accepted_twice(client, alice):
    device = app_of(alice)
    code = current_code(device)
    assert services.verify_code(user=alice, code=code).device == device

    with time_machine.travel(dt.timedelta(seconds=5)):
        assert services.verify_code(user=alice, code=code).device is None


def test_a_wrong_code_is_refused_counted_and_logged_without_the_code(client, alice):
    device = app_of(alice)
    sign_in(client, alice)

    response = client.post(reverse("signin:second_factor"), {"code": "123456"})

    assert response.status_code == 400
    assert response.context["form"].errors["code"]
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    entry = StaffAuditEntry.objects.get(kind=StaffAuditKind.SECOND_FACTOR_FAILED)
    assert (entry.user, "123456" in entry.detail) == (alice, False)
    assert client.get(CASES).status_code == 302


def test_wrong_codes_back_off_and_even_the_right_code_waits(alice):
    device = app_of(alice)
    moment = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    for failures in range(5):  # each wrong code once its wait is over: 1, 2, 4, 8 s
        with time_machine.travel(moment, tick=False):
            assert services.verify_code(user=alice, code="999999").device is None
        moment += dt.timedelta(seconds=2**failures)
    with time_machine.travel(moment - dt.timedelta(seconds=14), tick=False):
        result = services.verify_code(user=alice, code=current_code(device))
        assert (result.device, result.locked_until is not None) == (None, True)  # 16 s after 5 failures
    device.refresh_from_db()
    assert device.throttling_failure_count == 5
    with time_machine.travel(moment + dt.timedelta(seconds=1), tick=False):
        assert services.verify_code(user=alice, code=current_code(device)).device == device
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert StaffAuditEntry.objects.filter(kind=StaffAuditKind.SECOND_FACTOR_FAILED, detail="throttled").count() == 1


def test_a_recovery_code_works_once(client, alice):
    app_of(alice)
    codes = services.make_recovery_codes(user=alice)
    sign_in(client, alice)

    response = client.post(reverse("signin:second_factor"), {"code": codes[0].upper()[:4] + "-" + codes[0][4:]})
    assert response.status_code == 302
    assert client.get(CASES).status_code == 200

    client.logout()
    sign_in(client, alice)
    with time_machine.travel(dt.timedelta(seconds=30)):
        response = client.post(reverse("signin:second_factor"), {"code": codes[0]})
    assert response.status_code == 400
    assert StaticToken.objects.filter(device__user=alice).count() == 9


def test_new_recovery_codes_void_the_old_ones(client, alice):
    app_of(alice)
    old = services.make_recovery_codes(user=alice)
    client.force_login(alice)
    verify_session(client, alice)

    response = client.post(reverse("signin:new_recovery_codes"))

    new = client.get(response["Location"]).context["codes"]
    tokens = set(StaticToken.objects.filter(device__user=alice).values_list("token", flat=True))
    assert len(new) == 10
    assert not tokens & set(old)


def test_a_party_or_journal_keeper_is_never_asked_for_a_staff_factor(client, ola_user):
    client.force_login(ola_user)

    assert not client.get("/portal/").get("Location", "").startswith("/login/")
    assert client.get(reverse("signin:second_factor")).status_code == 403
    assert client.get(reverse("signin:enrol")).status_code == 403
    assert client.get(reverse("signin:factors")).status_code == 403


def test_a_person_without_a_staff_role_is_not_asked(client, outsider):
    client.force_login(outsider)
    assert client.get(CASES).status_code == 403  # the workspace's own refusal, not the second factor


def test_the_api_is_not_asked_for_a_second_factor(client, alice):
    app_of(alice)
    client.force_login(alice)
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_the_django_admin_needs_the_factor_too(client):
    admin = make_user("root", is_staff=True, is_superuser=True)
    app_of(admin)
    client.force_login(admin)
    assert client.get("/admin/")["Location"].startswith(reverse("signin:second_factor"))
