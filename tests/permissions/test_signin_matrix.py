"""Who may open the second-factor pages: staff, each for their own factors; never a party,
a journal keeper, a person with no role, or anyone signed out."""

import pytest
from django.urls import URLPattern, reverse

from mekle.signin import urls as signin_urls
from mekle.testing.cast import make_user
from mekle.testing.journal import keeper
from mekle.testing.second_factor import app_of

ROUTES = sorted(str(p.name) for p in signin_urls.urlpatterns if isinstance(p, URLPattern))
MATRIX_ROUTES = {f"signin:{name}" for name in ROUTES}
POSTS = {
    "remove_factor",
    "new_recovery_codes",
    "passkey_registration_options",
    "register_passkey",
    "passkey_sign_in_options",
    "passkey_sign_in",
}


def url_of(name, device):
    if name == "remove_factor":
        return reverse(f"signin:{name}", args=["totp", device.pk])
    return reverse(f"signin:{name}")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["party", "journal", "outsider", "anonymous"])
@pytest.mark.parametrize("name", ROUTES)
def test_nobody_but_staff_opens_a_second_factor_page(client, alice, ola_user, role, name):
    device = app_of(alice)
    people = {"party": ola_user, "journal": keeper("Nora Berg", "nora@example.no"), "outsider": make_user("x")}
    if role != "anonymous":
        client.force_login(people[role])
    url = url_of(name, device)
    response = client.post(url) if name in POSTS else client.get(url)
    expected = 302 if role == "anonymous" else 403
    assert response.status_code == expected, (role, name)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    assert device.__class__.objects.filter(pk=device.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(ROUTES) - POSTS))
def test_staff_open_every_second_factor_page(client, alice, name):
    client.force_login(alice)
    response = client.get(url_of(name, app_of(alice)))
    assert response.status_code in (200, 302), name
