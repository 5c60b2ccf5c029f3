"""Linking a person to their records by national identity number, and staff recording that number."""

import json

from django.urls import reverse

from mekle.accounts.models import Role, User
from mekle.cases.models import CaseEvent
from mekle.parties import services as party_services
from mekle.parties.models import Guardian, Party
from mekle.parties.participants import Participant
from mekle.parties.services import link_portal_user_by_national_id

PID = "17058040061"
OTHER_PID = "24127540140"


def linked_events():
    return CaseEvent.objects.filter(kind="portal_account_linked").order_by("case_id", "sequence")


def give_number(person, number=PID):
    person.national_id = number
    person.save(update_fields=["national_id"])
    return person


def test_no_record_with_the_number_links_nothing_and_creates_no_account(case):
    assert link_portal_user_by_national_id(national_id=PID) is None
    assert link_portal_user_by_national_id(national_id="") is None
    assert not User.objects.filter(role=Role.PARTY).exists()
    assert not linked_events().exists()


def test_a_new_account_is_created_for_the_first_record_and_linked_to_all(case, minor_case):
    ola = give_number(case.parties.get(full_name="Ola Nordmann"))
    hanne = give_number(Guardian.objects.get(full_name="Hanne Olsen"))

    user = link_portal_user_by_national_id(national_id=PID)

    assert user is not None
    assert user.role == Role.PARTY
    assert (user.first_name, user.last_name) == ("Ola", "Nordmann")
    ola.refresh_from_db()
    hanne.refresh_from_db()
    assert ola.user == hanne.user == user
    assert [(e.case_id, e.payload["party_id"], e.payload["guardian_id"]) for e in linked_events()] == [
        (case.pk, ola.pk, None),
        (minor_case.pk, hanne.party_id, hanne.pk),
    ]
    assert all(e.actor_id == user.pk for e in linked_events())
    assert PID not in json.dumps(list(CaseEvent.objects.values_list("payload", flat=True)))


def test_an_account_already_linked_by_a_personal_link_is_kept_for_every_record(case, minor_case):
    ola = give_number(case.parties.get(full_name="Ola Nordmann"))
    existing = party_services.portal_user_for(participant=Participant(ola))
    per = give_number(minor_case.parties.get(full_name="Per Hansen"))

    user = link_portal_user_by_national_id(national_id=PID)

    assert user == existing
    per.refresh_from_db()
    assert per.user == existing
    assert User.objects.filter(role=Role.PARTY).count() == 1
    assert [e.payload["party_id"] for e in linked_events()] == [per.pk]  # Ola was linked already


def test_linking_twice_records_nothing_more(case):
    give_number(case.parties.get(full_name="Ola Nordmann"))
    first = link_portal_user_by_national_id(national_id=PID)

    assert link_portal_user_by_national_id(national_id=PID) == first
    assert linked_events().count() == 1


def test_other_people_are_left_alone(case):
    give_number(case.parties.get(full_name="Ola Nordmann"))
    kari = give_number(case.parties.get(full_name="Kari Nordmann"), OTHER_PID)

    link_portal_user_by_national_id(national_id=PID)

    kari.refresh_from_db()
    assert kari.user is None


def test_an_account_linked_to_two_cases_gets_one_event_per_record(case, alice):
    ola = give_number(case.parties.get(full_name="Ola Nordmann"))
    again = party_services.add_party(
        actor=alice,
        case=case,
        data=party_services.PartyInput(full_name="Ola Nordmann", role="other", phone="4", national_id=PID),
    )

    user = link_portal_user_by_national_id(national_id=PID)

    assert set(Party.objects.filter(user=user)) == {ola, again}
    assert [e.payload["party_id"] for e in linked_events()] == [ola.pk, again.pk]


# --- Staff record the number: the party and guardian forms -------------------------------------


def add_party_data(**overrides):
    data = {"full_name": "Nora Nilsen", "role": "other", "phone": "40000000", "preferred_language": "nb"}
    return data | overrides


def test_staff_record_a_party_with_a_national_identity_number(client, alice, case):
    client.force_login(alice)

    response = client.post(
        reverse("workspace:add_party", args=[case.reference]), add_party_data(national_id="170580 40061")
    )

    assert response.status_code == 302
    assert case.parties.get(full_name="Nora Nilsen").national_id == PID


def test_an_invalid_national_identity_number_is_a_form_error_and_nothing_is_saved(client, alice, case, settings):
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    events_before = CaseEvent.objects.count()

    response = client.post(
        reverse("workspace:add_party", args=[case.reference]), add_party_data(national_id="17058040000")
    )

    assert response.status_code == 400
    assert "This is not a valid national identity number" in response.content.decode()
    assert not case.parties.filter(full_name="Nora Nilsen").exists()
    assert CaseEvent.objects.count() == events_before


def test_the_party_form_shows_the_national_identity_number_field(client, alice, case, settings):
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("workspace:add_party", args=[case.reference])).content.decode()

    assert 'name="national_id"' in page
    assert "National identity number" in page


def test_staff_record_a_guardian_with_a_national_identity_number(client, alice, minor_case):
    client.force_login(alice)
    emil = minor_case.parties.get(full_name="Emil Olsen")
    url = reverse("workspace:add_guardian", args=[minor_case.reference, emil.pk])
    assert 'name="national_id"' in client.get(url).content.decode()

    refused = client.post(url, {"full_name": "Geir Olsen", "national_id": "12345"})
    response = client.post(url, {"full_name": "Geir Olsen", "national_id": OTHER_PID})

    assert refused.status_code == 400
    assert response.status_code == 302
    assert emil.guardians.get(full_name="Geir Olsen").national_id == OTHER_PID


def referral_data(**party_fields):
    data = {
        "case_type": "civil",
        "referrer_kind": "party",
        "received_on": "2024-01-15",
        "description": "Krangel om parkering i borettslaget.",
        "party-TOTAL_FORMS": "1",
        "party-INITIAL_FORMS": "0",
        "party-MIN_NUM_FORMS": "1",
        "party-MAX_NUM_FORMS": "10",
    }
    fields = {"full_name": "Nora Nilsen", "role": "victim", "phone": "40000000", "preferred_language": "nb"}
    return data | {f"party-0-{name}": value for name, value in (fields | party_fields).items()}


def test_a_referral_carries_the_numbers_of_parties_and_guardians(client, alice):
    client.force_login(alice)
    url = reverse("workspace:referral_new")
    page = client.get(url).content.decode()
    assert 'name="party-0-national_id"' in page
    assert 'name="party-0-guardian_national_id"' in page

    response = client.post(
        url, referral_data(national_id=PID, guardian_name="Geir Nilsen", guardian_national_id=OTHER_PID)
    )

    assert response.status_code == 302
    nora = Party.objects.get(full_name="Nora Nilsen")
    assert nora.national_id == PID
    assert nora.guardians.get().national_id == OTHER_PID


def test_a_referral_with_an_invalid_number_is_not_registered(client, alice):
    client.force_login(alice)

    response = client.post(reverse("workspace:referral_new"), referral_data(national_id="17058040062"))

    assert response.status_code == 400
    assert not Party.objects.filter(full_name="Nora Nilsen").exists()


def test_a_record_whose_access_staff_ended_is_not_reached_through_id_porten(alice, case, minor_case):
    ola = give_number(case.parties.get(full_name="Ola Nordmann"))
    hanne = give_number(Guardian.objects.get(full_name="Hanne Olsen"))
    user = link_portal_user_by_national_id(national_id=PID)
    party_services.end_portal_access(actor=alice, participant=Participant(ola))

    assert link_portal_user_by_national_id(national_id=PID) == user  # Hanne's guardianship still reaches it
    ola.refresh_from_db()
    hanne.refresh_from_db()
    assert ola.user is None
    assert hanne.user == user
