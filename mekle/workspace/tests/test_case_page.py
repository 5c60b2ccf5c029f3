"""The case page: what it shows, its access log, and a query count that does not grow."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mekle.access.models import AccessLogEntry
from mekle.cases import services as case_services
from mekle.testing.cast import consent
from mekle.testing.kinds import NOTE_ADDED


def page(case):
    return reverse("workspace:case_page", args=[case.reference])


def test_the_case_page_shows_parties_mediators_next_steps_and_timeline(client, alice, case):
    client.force_login(alice)
    response = client.get(page(case))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ola Nordmann" in body
    assert "Kari Nordmann" in body
    assert "Mia Lund" in body
    assert [e.kind for e in response.context["timeline"]][-1] == "case_opened"
    assert response.context["timeline"][0].sequence > response.context["timeline"][-1].sequence


def test_the_next_steps_explain_why_a_meeting_cannot_be_scheduled_yet(client, alice, case):
    case_services.start_assessment(actor=alice, case=case)
    client.force_login(alice)
    from mekle.testing.cast import assessment

    case_services.assess_suitability(actor=alice, case=case, **assessment())
    consent(alice, case.parties.get(full_name="Ola Nordmann"))
    response = client.get(page(case))
    (step,) = [s for s in response.context["next_steps"] if "meetings/new" in s.url]
    assert len(step.reasons) == 3  # Kari's consent, and both preparatory talks
    assert step.reasons[0] in response.content.decode()


def test_viewing_a_case_and_a_party_is_written_to_the_access_log(client, mia, case):
    client.force_login(mia)
    party = case.parties.first()
    client.get(page(case))
    client.get(reverse("workspace:party_page", args=[case.reference, party.pk]))
    entries = list(AccessLogEntry.objects.order_by("id").values_list("user", "what", "case_reference", "object_id"))
    assert entries == [
        (mia.pk, "case_page", case.reference, ""),
        (mia.pk, "party_page", case.reference, str(party.pk)),
    ]


def test_the_party_page_shows_contact_details_and_preparatory_notes_to_staff(client, alice, case):
    from mekle.testing.cast import prepare

    party = case.parties.get(full_name="Ola Nordmann")
    prepare(alice, party)
    client.force_login(alice)
    body = client.get(reverse("workspace:party_page", args=[case.reference, party.pk])).content.decode()
    assert "40000000" in body
    assert "Hemmelig notat" in body


def test_a_party_of_another_case_is_not_found_through_this_case(client, alice, case, minor_case):
    client.force_login(alice)
    other_party = minor_case.parties.first()
    response = client.get(reverse("workspace:party_page", args=[case.reference, other_party.pk]))
    assert response.status_code == 404


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_cases_or_events(client, alice, case, office_a):
    from mekle.testing.cast import register

    client.force_login(alice)
    client.get(reverse("workspace:case_list"))  # with a shared cache, the signed-in user is kept from here on
    for _ in range(4):
        register(alice, office_a)
    with_5_cases = queries_for(client, page(case))
    for _ in range(45):
        register(alice, office_a)
    for party in case.parties.all():
        consent(alice, party)
    for i in range(40):
        case_services.record_event(case=case, kind=NOTE_ADDED, actor=alice, payload={"n": i})
    with_50_cases_and_more_events = queries_for(client, page(case))
    assert with_5_cases == with_50_cases_and_more_events
    assert with_50_cases_and_more_events <= 7  # one is the second factor of the session (mekle.signin)


def test_the_agreement_in_short_and_a_guardians_withdrawal_link_are_on_the_page(client, alice, minor_case, mia):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from mekle.mediators import services as mediator_services
    from mekle.testing.cast import make_ready

    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    make_ready(alice, minor_case)
    meeting = mediator_services.schedule_meeting(
        actor=alice,
        case=minor_case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(hours=1),
        location="Rom 1",
    )
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        mediator_services.record_meeting_result(
            actor=mia, meeting=meeting, result="agreement", agreement_summary="Emil maler gjerdet."
        )
    client.force_login(alice)
    body = client.get(page(minor_case)).content.decode()
    assert "Emil maler gjerdet." in body
    emil = minor_case.parties.get(full_name="Emil Olsen")
    withdrawal = reverse(
        "workspace:record_guardian_withdrawal", args=[minor_case.reference, emil.pk, emil.guardians.get().pk]
    )
    assert withdrawal in body


def agreement_reads(client, case):
    """The case page's reads of agreement versions and documents, and what the page says."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page(case))
    tables = ('"agreements_agreementversion"', '"agreements_document"')
    return response, [t for q in queries for t in tables if f"FROM {t}" in q["sql"]]


def test_the_agreement_section_reads_only_what_the_timeline_says_exists(
    client, alice, mia, case, django_capture_on_commit_callbacks
):
    from mekle.agreements import services as agreement_services
    from mekle.testing.agreements import draft, hold_meeting_with_agreement, sign_everyone

    client.force_login(alice)
    hold_meeting_with_agreement(alice, mia, case)
    response, reads = agreement_reads(client, case)
    assert reads == []  # nothing drafted yet: nothing to read
    assert response.context["agreement"].version is None
    assert response.context["agreement"].can_start
    assert reverse("workspace:agreement_start", args=[case.reference]) in response.content.decode()

    version = draft(mia, case)
    response, reads = agreement_reads(client, case)
    assert reads == ['"agreements_agreementversion"']  # a draft, but nothing approved: no documents
    assert response.context["agreement"].version.number == 1

    version = agreement_services.send_for_signing(actor=mia, version=version)
    sign_everyone(mia, version)
    with django_capture_on_commit_callbacks(execute=True):  # the worker renders the documents
        agreement_services.approve(actor=mia, version=version)
    case.refresh_from_db()
    response, reads = agreement_reads(client, case)
    assert '"agreements_document"' in reads
    assert response.context["documents_panel"].documents
