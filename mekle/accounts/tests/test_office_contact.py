"""An office's contact details: what the model gives, what the admin lets an administrator change,
and what the demo offices have."""

import pytest
from django.urls import reverse

from mekle.accounts.contact import ServiceContact, contact_for, general_contact
from mekle.accounts.models import Office, Role
from mekle.demo import cast
from mekle.testing.cast import make_user

FILLED = {
    "code": "OSL",
    "name": "Konfliktrådet i Oslo",
    "region": "Oslo",
    "phone": "22 00 00 01",
    "email": "oslo@konfliktradet.example.no",
    "street_address": "Tollbugata 10",
    "postcode": "0152",
    "place": "Oslo",
    "opening_hours": "Mandag–fredag 08.00–15.30",
    "areas-TOTAL_FORMS": "0",
    "areas-INITIAL_FORMS": "0",
}


def test_the_visiting_address_is_one_line_of_what_is_filled_in():
    assert Office(street_address="Tollbugata 10", postcode="0152", place="Oslo").visiting_address == (
        "Tollbugata 10, 0152 Oslo"
    )
    assert Office(postcode="0152", place="Oslo").visiting_address == "0152 Oslo"
    assert Office(street_address="Tollbugata 10").visiting_address == "Tollbugata 10"
    assert Office().visiting_address == ""


def test_what_concerns_no_office_gets_the_services_general_contact(settings, office_a):
    settings.MEKLE_SERVICE_CONTACT_PHONE = "21 99 99 99"
    assert contact_for(office_a) is office_a
    service = contact_for(None)
    assert isinstance(service, ServiceContact)
    assert service == general_contact()
    assert service.phone == "21 99 99 99"
    assert service.name == settings.MEKLE_SERVICE_CONTACT_NAME


@pytest.fixture
def administrator(db):
    return make_user("ada", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def test_an_administrator_fills_in_the_visiting_address_and_opening_hours(client, administrator, office_a):
    client.force_login(administrator)
    url = reverse("admin:accounts_office_change", args=[office_a.pk])
    page = client.get(url).content.decode()
    for field in ("street_address", "postcode", "place", "opening_hours"):
        assert f'name="{field}"' in page
    response = client.post(url, FILLED)
    assert response.status_code == 302
    office_a.refresh_from_db()
    assert office_a.visiting_address == "Tollbugata 10, 0152 Oslo"
    assert office_a.opening_hours == "Mandag–fredag 08.00–15.30"


def test_a_postcode_that_is_not_four_digits_is_refused_and_nothing_changes(client, administrator, office_a):
    client.force_login(administrator)
    client.cookies["django_language"] = "en"
    url = reverse("admin:accounts_office_change", args=[office_a.pk])
    response = client.post(url, {**FILLED, "postcode": "15"})
    assert response.status_code == 200
    assert "Enter a postcode of four digits." in response.content.decode()
    office_a.refresh_from_db()
    assert (office_a.postcode, office_a.street_address, office_a.phone) == ("", "", "")


def test_a_caseworker_cannot_change_an_office(client, alice, office_a):
    client.force_login(alice)
    response = client.post(reverse("admin:accounts_office_change", args=[office_a.pk]), FILLED)
    assert response.status_code == 302  # to the admin's sign-in: not theirs
    office_a.refresh_from_db()
    assert office_a.street_address == ""


def test_every_demo_office_has_its_contact_details(db):
    offices = cast.ensure_offices()
    assert set(offices) == {code for code, *_rest in cast.OFFICES}
    for office in Office.objects.all():
        assert office.phone
        assert office.email
        assert office.street_address
        assert len(office.postcode) == 4
        assert office.place
        assert office.opening_hours


def test_a_demo_office_from_before_gets_what_it_lacks_and_keeps_what_was_changed(db):
    Office.objects.create(
        code="OSL", name="Konfliktrådet i Oslo", phone="22 99 99 99", opening_hours="Kun etter avtale"
    )
    office = cast.ensure_offices()["OSL"]
    office.refresh_from_db()
    assert office.street_address == cast.VISITING["OSL"]["street_address"]
    assert office.opening_hours == "Kun etter avtale"
    assert office.phone == "22 99 99 99"
