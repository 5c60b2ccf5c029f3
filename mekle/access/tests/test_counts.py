"""The case list's counts: kept while nothing changes at the office, counted again after any change."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mekle.access.case_list import CaseFilters, case_list
from mekle.access.counts import count_cases
from mekle.cases import services as case_services
from mekle.testing.cast import register

LIST = reverse("workspace:case_list")


@pytest.fixture
def shared_cache(settings):
    settings.MEKLE_SHARED_CACHE = True


def counted(user, filters=None):
    """The count, and whether the database was asked for it."""
    filters = filters or CaseFilters()
    with CaptureQueriesContext(connection) as queries:
        count = count_cases(user, filters, case_list(user, filters))
    return count, any("COUNT(" in q["sql"] for q in queries)


def test_a_count_is_kept_until_something_happens_at_the_office(
    shared_cache, alice, office_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(alice, office_a)
    assert counted(alice) == (1, True)
    assert counted(alice) == (1, False)
    with django_capture_on_commit_callbacks(execute=True):
        register(alice, office_a)
    assert counted(alice) == (2, True)


def test_any_recorded_event_counts_again_not_only_a_new_case(
    shared_cache, alice, office_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = register(alice, office_a)
    preparing = CaseFilters(status="assessing")
    assert counted(alice, preparing) == (0, True)
    with django_capture_on_commit_callbacks(execute=True):
        case_services.start_assessment(actor=alice, case=case)
    assert counted(alice, preparing) == (1, True)


def test_the_generation_moves_only_when_the_change_commits(
    shared_cache, alice, office_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(alice, office_a)
    counted(alice)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        register(alice, office_a)
    assert counted(alice) == (1, False)  # not committed yet: other requests still see one case
    for callback in callbacks:
        callback()
    assert counted(alice) == (2, True)


def test_another_offices_change_keeps_this_offices_count(
    shared_cache, alice, bob, office_a, office_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(alice, office_a)
    counted(alice)
    with django_capture_on_commit_callbacks(execute=True):
        register(bob, office_b)
    assert counted(alice) == (1, False)
    assert counted(bob) == (1, True)


def test_each_filter_and_day_has_its_own_count(shared_cache, alice, office_a, django_capture_on_commit_callbacks):
    received = timezone.localdate() - dt.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        register(alice, office_a, received_on=received)  # due in five days
    assert counted(alice, CaseFilters(overdue=True)) == (0, True)
    assert counted(alice, CaseFilters(overdue=True)) == (0, False)
    assert counted(alice, CaseFilters(overdue=True, query="nobody")) == (0, True)
    with time_machine.travel(timezone.now() + dt.timedelta(days=6)):
        assert counted(alice, CaseFilters(overdue=True)) == (1, True)  # a new day: overdue now
        assert counted(alice, CaseFilters(overdue=True, sort="due")) == (1, False)  # the order changes no count


def test_mediators_and_a_cache_of_each_process_always_count(settings, alice, mia, office_a):
    settings.MEKLE_SHARED_CACHE = True
    case = register(alice, office_a, mediator=mia)
    assert counted(mia) == (1, True)
    assert counted(mia) == (1, True)
    settings.MEKLE_SHARED_CACHE = False
    assert counted(alice) == (1, True)
    assert counted(alice) == (1, True)
    assert case.reference


def test_the_list_page_shows_the_kept_count(shared_cache, client, alice, office_a, django_capture_on_commit_callbacks):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            register(alice, office_a)
    client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    assert response.context["page"].paginator.count == 3
    assert not any("COUNT(" in q["sql"] for q in queries)
