"""The case list: filters, search, sorting, pagination, access log, and constant query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mekle.access.models import AccessLogEntry
from mekle.cases.models import CaseType, Status
from mekle.mediators import services as mediator_services
from mekle.notices import services as notice_services
from mekle.notices.models import NoticeKind
from mekle.testing.cast import make_ready, register

LIST = reverse("workspace:case_list")


def shown(response):
    return [case.reference for case in response.context["page"].object_list]


@pytest.fixture
def signed_in_alice(client, alice):
    client.force_login(alice)
    return client


def test_search_by_party_name_or_reference(signed_in_alice, alice, office_a):
    ola = register(alice, office_a, "Ola Nordmann")
    per = register(alice, office_a, "Per Hansen")
    assert shown(signed_in_alice.get(LIST, {"q": "nordm"})) == [ola.reference]
    assert shown(signed_in_alice.get(LIST, {"q": per.reference})) == [per.reference]


def test_filter_by_status_type_and_mediator(signed_in_alice, alice, office_a, mia):
    civil = register(alice, office_a, mediator=mia)
    criminal = register(alice, office_a, case_type=CaseType.CRIMINAL_MEDIATION)
    make_ready(alice, criminal)
    assert shown(signed_in_alice.get(LIST, {"status": Status.PREPARING})) == [criminal.reference]
    assert shown(signed_in_alice.get(LIST, {"case_type": CaseType.CIVIL})) == [civil.reference]
    assert shown(signed_in_alice.get(LIST, {"mediator": mia.pk})) == [civil.reference]


def test_overdue_shows_cases_past_their_processing_target_before_a_meeting(signed_in_alice, alice, office_a):
    old = register(alice, office_a, received_on=dt.date.today() - dt.timedelta(days=60))
    register(alice, office_a)
    response = signed_in_alice.get(LIST, {"overdue": "on"})
    assert shown(response) == [old.reference]
    assert "Over fristen" in response.content.decode() or "Overdue" in response.content.decode()


def test_sorting_and_pagination(signed_in_alice, alice, office_a, settings):
    settings.MEKLE_CASES_PER_PAGE = 2
    cases = [register(alice, office_a, received_on=dt.date(2026, 1, day)) for day in (3, 1, 2)]
    first = signed_in_alice.get(LIST, {"sort": "oldest"})
    assert shown(first) == [cases[1].reference, cases[2].reference]
    second = signed_in_alice.get(LIST, {"sort": "oldest", "page": 2})
    assert shown(second) == [cases[0].reference]
    assert "sort=oldest&amp;page=1" in second.content.decode()


def test_bad_filter_values_show_the_list_with_a_message_not_an_error(signed_in_alice, alice, office_a):
    register(alice, office_a)
    response = signed_in_alice.get(LIST, {"status": "nonsense", "mediator": "abc", "page": "999"})
    assert response.status_code == 200
    assert response.context["filter_panel"].invalid_fields == {"status", "mediator"}
    assert "ds-validation-message" in response.content.decode()


def test_the_list_is_written_to_the_access_log_with_its_search(signed_in_alice, alice, office_a):
    register(alice, office_a)
    signed_in_alice.get(LIST, {"q": "Nordmann"})
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.what, entry.detail) == (alice, "case_list", "q=Nordmann")


def test_htmx_requests_get_only_the_table(signed_in_alice, alice, office_a):
    register(alice, office_a)
    response = signed_in_alice.get(LIST, headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert "<table" in response.content.decode()


def told(user, case):
    """A notice about `case` for `user`, as a withdrawal would give: the list shows each one."""
    notice_services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[user])


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "Nils", "sort": "due"}, {"overdue": "on", "status": "received"}])
def test_query_count_does_not_grow_with_the_number_of_cases(
    client, alice, mia, office_a, params, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    client.get(LIST)  # a running server has the mediator choices (and with a shared cache, the user) kept
    with django_capture_on_commit_callbacks(execute=True):  # committed, as a caseworker's changes are
        for _ in range(5):
            told(alice, register(alice, office_a, mediator=mia))
    with_5 = count_queries(client, LIST, params)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(45):
            told(alice, register(alice, office_a, mediator=mia))
    with_50 = count_queries(client, LIST, params)
    assert with_5 == with_50
    # session, user, the second factor, count, the page's cases, their names, the user's open notices, access log
    assert with_50 <= 8


def test_a_mediators_list_shows_their_next_meetings(client, alice, mia, office_a):
    from django.utils import timezone

    case = register(alice, office_a, mediator=mia)
    make_ready(alice, case)
    mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=4),
        location="Møterom 2",
    )
    client.force_login(mia)
    response = client.get(LIST)
    assert [m.case for m in response.context["next_meetings"]] == [case]
    assert "Møterom 2" in response.content.decode()


def test_the_office_filter_offers_only_the_users_own_office(signed_in_alice, alice, office_a, office_b):
    case = register(alice, office_a)
    response = signed_in_alice.get(LIST, {"office": office_a.pk})
    assert shown(response) == [case.reference]
    refused = signed_in_alice.get(LIST, {"office": office_b.pk})
    assert "office" in refused.context["filter_panel"].invalid_fields
    assert shown(refused) == [case.reference]  # the bad filter is ignored: still only office A's cases
