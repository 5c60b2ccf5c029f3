"""Correcting contact details after registration: who may, what it records, and what a new e-mail
address does to the links sent to the old one."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from mekle.accounts.models import Role
from mekle.cases import events as cases_events
from mekle.cases.lifecycle import GuardError
from mekle.parties import events as parties_events
from mekle.parties import rules
from mekle.parties import services as party_services
from mekle.parties.models import Guardian, PortalInvitation
from mekle.parties.participants import Participant
from mekle.parties.services import ContactDetails
from mekle.testing.cast import make_user


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def manager(office_a):
    return make_user("manager", office=office_a, role=Role.MANAGER)


def last_event(case):
    return case.events.order_by("-sequence").first()


def sign_in(client, link):
    parts = urlsplit(link.url)
    return client.post(parts.path, {"token": parts.query.split("token=", 1)[1]})


# --- The rule ----------------------------------------------------------------------------------


def test_the_cases_caseworkers_may_correct_contact_details(alice, case):
    assert rules.can_correct_contact_details(alice, case)


@pytest.mark.parametrize("who", ["mia", "mats", "bob", "manager", "outsider"])
def test_mediators_managers_and_other_offices_may_not(request, case, manager, who):
    assert not rules.can_correct_contact_details(request.getfixturevalue(who), case)


def test_a_switched_off_caseworker_may_not(alice, case):
    alice.is_active = False
    assert not rules.can_correct_contact_details(alice, case)


# --- The service -------------------------------------------------------------------------------


def test_a_correction_changes_the_record_and_records_what_changed(alice, ola):
    ola.email, ola.phone = "ola@exmaple.no", "41234567"
    ola.save()
    correction = party_services.correct_contact_details(
        actor=alice,
        participant=Participant(ola),
        details=ContactDetails(email="ola@example.no", phone="41234567", address="Storgata 1, 0155 Oslo"),
    )
    ola.refresh_from_db()
    assert (ola.email, ola.address) == ("ola@example.no", "Storgata 1, 0155 Oslo")
    assert correction.fields == ["email", "address"]
    event = last_event(ola.case)
    assert event.kind == parties_events.CONTACT_DETAILS_CORRECTED.name
    assert event.actor == alice
    assert event.payload["fields"] == ["email", "address"]
    assert event.payload["previous"] == {"email": "ola@exmaple.no", "address": ""}
    assert event.payload["current"] == {"email": "ola@example.no", "address": "Storgata 1, 0155 Oslo"}


def test_the_old_and_new_values_are_personal_data_and_the_summary_does_not_show_them(alice, ola):
    assert {"name", "previous", "current"} <= parties_events.CONTACT_DETAILS_CORRECTED.personal_fields
    party_services.correct_contact_details(
        actor=alice, participant=Participant(ola), details=ContactDetails(email="ny@example.no")
    )
    event = last_event(ola.case)
    summary = cases_events.describe(event.kind, event.payload)
    assert summary == "Contact details of Ola Nordmann corrected"
    assert "ny@example.no" not in summary


def test_a_corrected_name_and_language(alice, ola):
    party_services.correct_contact_details(
        actor=alice,
        participant=Participant(ola),
        details=ContactDetails(full_name="Ola Nordmann Berg", preferred_language="other", other_language="Tigrinja"),
    )
    ola.refresh_from_db()
    assert (ola.full_name, ola.preferred_language, ola.other_language) == ("Ola Nordmann Berg", "other", "Tigrinja")
    assert last_event(ola.case).payload["name"] == "Ola Nordmann Berg"


def test_a_guardians_email_is_corrected_on_the_guardians_record(alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    party_services.correct_contact_details(
        actor=alice, participant=Participant(emil, hanne), details=ContactDetails(email="hanne@example.no")
    )
    hanne.refresh_from_db()
    emil.refresh_from_db()
    assert hanne.email == "hanne@example.no"
    assert emil.email == ""
    assert last_event(minor_case).payload["guardian_id"] == hanne.pk


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (ContactDetails(email="ikke-en-adresse"), "Enter a valid e-mail address."),
        (ContactDetails(full_name="  "), "Give the person's full name."),
        (ContactDetails(preferred_language="klingon"), "Choose one of the languages."),
        (ContactDetails(preferred_language="other", other_language=""), "Say which language."),
        (ContactDetails(phone="", email="", address=""), "Give at least one way to reach the party"),
        (ContactDetails(phone="4" * 31), "A detail is too long"),
        (ContactDetails(full_name="Ola Nordmann"), "Nothing was changed"),
        (ContactDetails(), "Nothing was changed"),
    ],
)
def test_bad_details_are_refused_and_change_nothing(alice, ola, details, message):
    ola.phone = "41234567"
    ola.save()
    events = ola.case.events.count()
    with pytest.raises(GuardError) as refused:
        party_services.correct_contact_details(actor=alice, participant=Participant(ola), details=details)
    assert message in " ".join(refused.value.reasons)
    ola.refresh_from_db()
    assert (ola.full_name, ola.phone, ola.email, ola.preferred_language) == ("Ola Nordmann", "41234567", "", "nb")
    assert ola.case.events.count() == events


@pytest.mark.parametrize("who", ["mia", "mats", "bob", "manager", "outsider"])
def test_the_service_refuses_whoever_the_rule_refuses(request, ola, manager, who):
    events = ola.case.events.count()
    with pytest.raises(GuardError):
        party_services.correct_contact_details(
            actor=request.getfixturevalue(who), participant=Participant(ola), details=ContactDetails(phone="999")
        )
    ola.refresh_from_db()
    assert ola.phone != "999"
    assert ola.case.events.count() == events


def test_a_guardians_address_and_own_language_are_corrected(alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    assert hanne.language == emil.preferred_language  # blank: the party's
    party_services.correct_contact_details(
        actor=alice,
        participant=Participant(emil, hanne),
        details=ContactDetails(address="Storgata 1, 0155 Oslo", preferred_language="en"),
    )
    hanne.refresh_from_db()
    assert (hanne.address, hanne.preferred_language, hanne.language) == ("Storgata 1, 0155 Oslo", "en", "en")
    event = minor_case.events.order_by("-sequence").first()
    assert event.payload["fields"] == ["address", "preferred_language"]


def test_a_guardian_has_no_other_language_and_no_unknown_one(alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    for details in (ContactDetails(other_language="Tigrinja"), ContactDetails(preferred_language="other")):
        with pytest.raises(GuardError):
            party_services.correct_contact_details(actor=alice, participant=Participant(emil, hanne), details=details)
    hanne.refresh_from_db()
    assert hanne.preferred_language == ""


def test_a_closed_case_is_not_corrected(alice, ola):
    party_services.withdraw_consent(actor=alice, participant=Participant(ola))
    with pytest.raises(GuardError):
        party_services.correct_contact_details(
            actor=alice, participant=Participant(ola), details=ContactDetails(phone="999")
        )


# --- A new e-mail address: the links sent to the old one stop ---------------------------------


def test_a_new_email_address_stops_the_links_sent_to_the_old_one(alice, invited_ola, client):
    stranger = party_services.invite_to_portal(actor=alice, participant=Participant(invited_ola))
    correction = party_services.correct_contact_details(
        actor=alice, participant=Participant(invited_ola), details=ContactDetails(email="ola.riktig@example.no")
    )
    assert correction.links_stopped == 1
    stranger.invitation.refresh_from_db()
    assert stranger.invitation.revoked_at is not None
    response = sign_in(client, stranger)  # the stranger at the mistyped address tries the link
    assert not client.get(reverse("portal:home")).wsgi_request.user.is_authenticated, response
    assert last_event(invited_ola.case).payload["links_stopped"] == 1


def test_a_stranger_who_already_signed_in_with_the_link_is_signed_out(alice, invited_ola):
    stranger_link = party_services.invite_to_portal(actor=alice, participant=Participant(invited_ola))
    stranger = Client()
    sign_in(stranger, stranger_link)
    assert stranger.get(reverse("portal:home")).wsgi_request.user.is_authenticated
    party_services.correct_contact_details(
        actor=alice, participant=Participant(invited_ola), details=ContactDetails(email="ola.riktig@example.no")
    )
    assert not stranger.get(reverse("portal:home")).wsgi_request.user.is_authenticated


def test_a_changed_phone_number_leaves_the_links_alone(alice, invited_ola):
    party_services.correct_contact_details(
        actor=alice, participant=Participant(invited_ola), details=ContactDetails(phone="99887766")
    )
    assert PortalInvitation.objects.filter(party=invited_ola, revoked_at__isnull=True).count() == 1


def test_the_new_address_can_be_sent_a_fresh_link_at_once(
    alice, invited_ola, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        correction = party_services.correct_contact_details(
            actor=alice,
            participant=Participant(invited_ola),
            details=ContactDetails(email="ola.riktig@example.no"),
            send_link=True,
        )
    assert correction.invitation is not None
    assert correction.invitation.sent_to == "ola.riktig@example.no"
    assert [m.to for m in mailoutbox] == [["ola.riktig@example.no"]]
    working = PortalInvitation.objects.filter(party=invited_ola, revoked_at__isnull=True, used_at__isnull=True)
    assert list(working) == [correction.invitation]
    invited_ola.refresh_from_db()
    assert invited_ola.user.email == "ola.riktig@example.no"
    kinds = list(invited_ola.case.events.order_by("-sequence").values_list("kind", flat=True)[:2])
    assert kinds == [parties_events.PORTAL_INVITATION_CREATED.name, parties_events.CONTACT_DETAILS_CORRECTED.name]


def test_a_new_link_is_refused_when_the_address_does_not_change(alice, invited_ola):
    events = invited_ola.case.events.count()
    with pytest.raises(GuardError):
        party_services.correct_contact_details(
            actor=alice, participant=Participant(invited_ola), details=ContactDetails(phone="999"), send_link=True
        )
    invited_ola.refresh_from_db()
    assert invited_ola.phone != "999"
    assert invited_ola.case.events.count() == events


def test_a_request_for_a_new_link_at_the_old_address_reaches_nobody(alice, invited_ola):
    party_services.correct_contact_details(
        actor=alice, participant=Participant(invited_ola), details=ContactDetails(email="ola.riktig@example.no")
    )
    assert party_services.request_portal_links(email="ola@example.no") == []


def test_a_second_guardian_added_without_email_can_get_one_and_a_link_later(
    alice, minor_case, mailoutbox, django_capture_on_commit_callbacks
):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    far = party_services.add_guardian(
        actor=alice, party=emil, data=party_services.GuardianInput(full_name="Geir Olsen", relation="far")
    )
    assert isinstance(far, Guardian)
    with pytest.raises(GuardError):  # no address: the link can only go by SMS or letter
        party_services.invite_to_portal(actor=alice, participant=Participant(emil, far))
    with django_capture_on_commit_callbacks(execute=True):
        party_services.correct_contact_details(
            actor=alice,
            participant=Participant(emil, far),
            details=ContactDetails(email="geir@example.no"),
            send_link=True,
        )
    assert [m.to for m in mailoutbox] == [["geir@example.no"]]
    assert PortalInvitation.objects.get(guardian=far).sent_to == "geir@example.no"
