"""A party's own case through the portal: the same services, and the same lifecycle, as the staff pages."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mekle.cases.models import Case, Status
from mekle.mediators import services as mediator_services
from mekle.parties.models import Consent, PreparationAnswers
from mekle.portal.information import INFORMATION_VERSION
from mekle.testing.cast import make_ready


@pytest.fixture
def as_ola(client, ola_user):
    client.force_login(ola_user)
    client.cookies["django_language"] = "en"
    return client


def url(name, case):
    return reverse(f"portal:{name}", args=[case.reference])


def test_home_goes_straight_to_the_only_case(as_ola, case):
    response = as_ola.get(reverse("portal:home"))
    assert response["Location"] == url("case", case)


def test_home_lists_every_case_of_a_person_in_two(as_ola, other_case, ola_user, case):
    siri = other_case.parties.get(full_name="Siri Strand")
    siri.user = ola_user
    siri.save()
    response = as_ola.get(reverse("portal:home"))
    assert response.status_code == 200
    assert case.reference in response.content.decode()
    assert other_case.reference in response.content.decode()


def test_the_case_page_says_where_the_case_is_and_what_to_do_next(as_ola, case):
    page = as_ola.get(url("case", case)).content.decode()
    assert "We have received the case" in page
    assert "tell us whether you want to take part" in page
    assert "Mia Lund" in page  # who the mediator is


def test_consent_needs_an_answer_and_changes_nothing_without_one(as_ola, case, ola):
    for data in ({}, {"answer": "maybe"}):
        response = as_ola.post(url("consent", case), data)
        assert response.status_code == 400
        assert "Choose yes or no." in response.content.decode()
    assert not Consent.objects.filter(party=ola).exists()
    assert case.events.filter(kind="consent_withdrawn").count() == 0


def test_consent_in_the_portal_records_the_information_version_on_the_timeline(as_ola, case, ola):
    response = as_ola.post(url("consent", case), {"answer": "yes"})
    assert response.status_code == 302
    consent = Consent.objects.get(party=ola)
    assert consent.method == "digital"
    assert consent.information_version == f"portal-information/{INFORMATION_VERSION}/en"
    event = case.events.order_by("-sequence").first()
    assert event.kind == "consent_given"
    assert event.actor == ola.user
    assert event.payload["information_version"] == consent.information_version


def test_consenting_twice_is_explained_not_raised(as_ola, case):
    as_ola.post(url("consent", case), {"answer": "yes"})
    response = as_ola.post(url("consent", case), {"answer": "yes"})
    assert response.status_code == 400
    assert "already consented" in response.content.decode()


def test_a_guardian_consents_for_the_minor(client, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    guardian = emil.guardians.get()
    from mekle.testing.cast import portal_user_of

    client.force_login(portal_user_of(emil, guardian))
    page = client.get(url("case", minor_case)).content.decode()
    assert "Emil Olsen" in page  # "you see this case as guardian of Emil Olsen"
    client.post(url("consent", minor_case), {"answer": "yes"})
    assert Consent.objects.get(party=emil).guardian == guardian


def test_withdrawal_asks_for_confirmation_then_closes_the_case(as_ola, case, ola):
    confirm_page = as_ola.get(url("withdraw", case))
    assert confirm_page.status_code == 200
    assert Case.objects.get(pk=case.pk).status != Status.WITHDRAWN
    response = as_ola.post(url("withdraw", case), {"reason": "Vil ikke likevel."})
    assert response["Location"] == url("withdrawn", case)
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    kinds = list(case.events.order_by("sequence").values_list("kind", flat=True))[-2:]
    assert kinds == ["consent_withdrawn", "status_changed"]
    assert ola.withdrawals.get().reason == "Vil ikke likevel."
    page = as_ola.get(url("withdrawn", case)).content.decode()
    assert "What happens now" in page


def test_withdrawing_on_a_closed_case_shows_that_it_is_closed(as_ola, case):
    as_ola.post(url("withdraw", case), {})
    response = as_ola.get(url("withdraw", case))
    assert response.status_code == 200
    assert "The case is closed" in response.content.decode()
    response = as_ola.post(url("consent", case), {"answer": "yes"})
    assert response.status_code == 200  # the same closed page as a GET; nothing recorded
    assert "The case is closed" in response.content.decode()


def test_preparation_answers_are_saved_and_can_be_changed(as_ola, case, ola):
    data = {"what_happened": "Hekken.", "feels_safe": "no", "support_person": "Søsteren min"}
    assert as_ola.post(url("preparation", case), data).status_code == 302
    assert as_ola.post(url("preparation", case), {**data, "feels_safe": "unsure"}).status_code == 302
    answers = PreparationAnswers.objects.get(party=ola)
    assert answers.feels_safe == "unsure"
    form_page = as_ola.get(url("preparation", case)).content.decode()
    assert "Søsteren min" in form_page


def test_preparation_needs_the_safety_answer(as_ola, case, ola):
    response = as_ola.post(url("preparation", case), {"what_happened": "x"})
    assert response.status_code == 400
    assert not PreparationAnswers.objects.exists()


@pytest.fixture
def scheduled(alice, case):
    make_ready(alice, case)
    return mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Konfliktrådet, Storgata 1",
    )


def test_the_meeting_shows_with_a_calendar_file(as_ola, case, scheduled):
    page = as_ola.get(url("case", case)).content.decode()
    assert '<span lang="nb">Konfliktrådet</span>, Storgata 1' in page  # a Norwegian name on an English page
    response = as_ola.get(url("meeting_calendar", case))
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == scheduled.starts_at.replace(microsecond=0)
    assert str(event.get("location")) == "Konfliktrådet, Storgata 1"


def test_no_calendar_file_without_a_meeting(as_ola, case):
    assert as_ola.get(url("meeting_calendar", case)).status_code == 404


def test_the_case_page_reads_the_same_number_of_queries_with_more_history(
    as_ola, case, scheduled, django_assert_max_num_queries, alice, ola
):
    as_ola.get(url("case", case))
    for _ in range(20):
        as_ola.post(url("preparation", case), {"feels_safe": "yes"})
    # 14: the page also says whom the party can write to now (the contact rule's events and thread);
    # 15: and what waits for them (open proposals and unread messages, counted in one query).
    with django_assert_max_num_queries(15):
        assert as_ola.get(url("case", case)).status_code == 200


def test_the_meeting_shows_its_end_address_directions_and_a_map_link(as_ola, alice, case):
    make_ready(alice, case)
    starts = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=3), dt.time(10)))
    mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=starts,
        duration_minutes=90,
        location="Konfliktrådet, møterom 2",
        street_address="Storgata 1",
        postcode="0155",
        post_town="Oslo",
        directions="Tredje etasje. Heis fra bakgården.",
    )
    as_ola.cookies["django_language"] = "nb"
    page = as_ola.get(url("case", case)).content.decode()
    assert "kl. 10.00–11.30" in page
    assert "Storgata 1, 0155 Oslo" in page
    assert "Tredje etasje. Heis fra bakgården." in page
    assert 'href="https://www.openstreetmap.org/search?query=Storgata+1%2C+0155+Oslo"' in page
    assert "Se adressen på kart (OpenStreetMap)" in page
    assert "<iframe" not in page
    assert '<script src="https://' not in page


def test_the_case_page_leads_with_its_next_step_as_a_primary_button(as_ola, case):
    page = as_ola.get(url("case", case)).content.decode()
    button = f'<a class="ds-button" data-variant="primary" href="{url("consent", case)}">'
    assert button in page
    # The next step, then what the party can do (the information, consent), then the messages.
    assert page.index(button) < page.index('id="todo-heading"') < page.index('id="dialogue-heading"')


def test_the_preparation_radios_are_designsystemets(as_ola, case, ola):
    as_ola.post(url("consent", case), {"answer": "yes"})
    page = as_ola.get(url("preparation", case)).content.decode()
    assert '<fieldset class="ds-fieldset mekle-field" id="id_feels_safe"' in page
    assert re.search(
        r'<div class="ds-field mekle-radio"><input type="radio" name="feels_safe" value="[a-z_]+" class="ds-input"',
        page,
    )
