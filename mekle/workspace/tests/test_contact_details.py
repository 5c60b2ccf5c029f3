"""The staff page that corrects a party's or a guardian's contact details, and the referral form's
second guardian with an e-mail address."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mekle.accounts.models import Role
from mekle.cases.models import Case
from mekle.mediators import services as mediator_services
from mekle.parties import events as parties_events
from mekle.parties import services as party_services
from mekle.parties.models import PortalInvitation
from mekle.parties.participants import Participant
from mekle.testing.cast import make_user

from .test_referral import party, referral


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    return client


def party_url(case, person):
    return reverse("workspace:correct_party_contact", args=[case.reference, person.pk])


def guardian_url(case, guardian):
    return reverse("workspace:correct_guardian_contact", args=[case.reference, guardian.party_id, guardian.pk])


def details(**overrides):
    return {
        "full_name": "Ola Nordmann",
        "phone": "40000000",
        "email": "",
        "address": "",
        "preferred_language": "nb",
    } | (overrides)


def test_the_page_shows_the_details_as_registered(as_alice, case, ola):
    response = as_alice.get(party_url(case, ola))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Correct the contact details of Ola Nordmann" in html
    assert 'value="Ola Nordmann"' in html
    assert 'name="address"' in html


def test_a_guardians_page_asks_only_for_a_guardians_details(as_alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    html = as_alice.get(guardian_url(minor_case, emil.guardians.get())).content.decode()
    assert 'value="Hanne Olsen"' in html
    assert 'name="email"' in html
    assert 'name="address"' in html
    assert '<option value="" selected>The same as the party&#x27;s</option>' in html  # blank: the party's language
    assert '<option value="other"' not in html
    assert 'name="other_language"' not in html


def test_saving_corrects_the_details_and_goes_back_to_the_party(as_alice, case, invited_ola):
    response = as_alice.post(party_url(case, invited_ola), details(email="ola.riktig@example.no"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("workspace:party_page", args=[case.reference, invited_ola.pk])
    html = response.content.decode()
    assert "The contact details of Ola Nordmann are corrected." in html
    assert "1 link sent before no longer works." in html
    invited_ola.refresh_from_db()
    assert invited_ola.email == "ola.riktig@example.no"
    assert not PortalInvitation.objects.filter(party=invited_ola, revoked_at__isnull=True).exists()


def test_the_timeline_says_whose_details_were_corrected_not_what_they_say(as_alice, case, ola):
    as_alice.post(party_url(case, ola), details(email="hemmelig@example.no"))
    html = as_alice.get(reverse("workspace:case_page", args=[case.reference])).content.decode()
    assert "Contact details of Ola Nordmann corrected" in html
    assert "hemmelig@example.no" not in html


def test_a_fresh_link_can_go_to_the_new_address(as_alice, case, ola, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_alice.post(party_url(case, ola), details(email="ola@example.no", send_link="on"), follow=True)
    assert "A new sign-in link is e-mailed to the new address." in response.content.decode()
    assert [m.to for m in mailoutbox] == [["ola@example.no"]]


def test_a_guardian_without_email_gets_one_and_then_the_email_button(as_alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    page = reverse("workspace:party_page", args=[minor_case.reference, emil.pk])
    assert "Make a link for guardian Hanne Olsen" in as_alice.get(page).content.decode()
    as_alice.post(guardian_url(minor_case, hanne), {"full_name": "Hanne Olsen", "email": "hanne@example.no"})
    hanne.refresh_from_db()
    assert hanne.email == "hanne@example.no"
    assert "E-mail a link to guardian Hanne Olsen" in as_alice.get(page).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (details(email="ikke-en-adresse"), "Enter an e-mail address like name@example.no."),
        (details(full_name=""), "This field is required."),
        (details(preferred_language="other"), "Say which language."),
        (details(phone=""), "Give at least one way to reach the party"),
        (details(), "Nothing was changed"),
        (details(phone="41111111", send_link="on"), "A new link is sent only to a new e-mail address."),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(as_alice, case, ola, data, message):
    ola.phone = "40000000"
    ola.save()
    events = case.events.count()
    response = as_alice.post(party_url(case, ola), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    ola.refresh_from_db()
    assert (ola.full_name, ola.phone, ola.email) == ("Ola Nordmann", "40000000", "")
    assert case.events.count() == events


def test_the_party_page_links_to_the_corrections_for_a_caseworker_only(as_alice, alice, mia, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    page = reverse("workspace:party_page", args=[minor_case.reference, emil.pk])
    html = as_alice.get(page).content.decode()
    assert party_url(minor_case, emil) in html
    assert guardian_url(minor_case, emil.guardians.get()) in html
    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    as_mia = Client()
    as_mia.force_login(mia)
    mia_html = as_mia.get(page).content.decode()
    assert party_url(minor_case, emil) not in mia_html


@pytest.mark.parametrize("who", ["mia", "bob", "manager"])
def test_who_may_not_correct_is_refused_and_nothing_changes(client, request, office_a, case, ola, who):
    user = (
        make_user("manager", office=office_a, role=Role.MANAGER) if who == "manager" else request.getfixturevalue(who)
    )
    client.force_login(user)
    events = case.events.count()
    response = client.post(party_url(case, ola), details(phone="99999999"))
    assert response.status_code in (403, 404)
    ola.refresh_from_db()
    assert ola.phone != "99999999"
    assert case.events.count() == events


def test_the_page_keeps_its_queries(as_alice, minor_case, django_assert_max_num_queries):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    with django_assert_max_num_queries(8):
        response = as_alice.get(party_url(minor_case, emil))
    assert response.status_code == 200


def test_a_second_guardian_can_be_registered_with_an_email_and_be_e_mailed_a_link(
    client, alice, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    today = timezone.localdate()
    minor = party(
        0,
        date_of_birth=today.replace(year=today.year - 12).isoformat(),
        guardian_name="Hanne Olsen",
        second_guardian_name="Geir Olsen",
        second_guardian_email="geir@example.no",
    )
    response = client.post(reverse("workspace:referral_new"), referral(**minor))
    assert response.status_code == 302
    case = Case.objects.get()
    geir = case.parties.get(full_name="Person 0").guardians.get(full_name="Geir Olsen")
    assert geir.email == "geir@example.no"
    with django_capture_on_commit_callbacks(execute=True):
        party_services.invite_to_portal(actor=alice, participant=Participant(geir.party, geir))
    assert [m.to for m in mailoutbox] == [["geir@example.no"]]
    assert case.events.filter(kind=parties_events.GUARDIAN_ADDED.name).count() == 2
