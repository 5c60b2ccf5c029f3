"""The interface speaks bokmål by default and remembers another choice."""

from django.urls import reverse


def test_bokmal_is_the_default_and_the_switch_is_remembered(client, alice, case):
    client.force_login(alice)
    page = reverse("workspace:case_page", args=[case.reference])
    assert '<html lang="nb"' in client.get(page).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"
    body = client.get(page).content.decode()
    assert '<html lang="en"' in body
    assert "Timeline" in body
