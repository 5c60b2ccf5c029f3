"""Statuses are Designsystemet tags coloured by their group, in the case list and on the case page;
the list's pages are Designsystemet's pagination."""

import datetime as dt

import pytest
from django.urls import reverse

from mekle.cases.models import Status
from mekle.cases.status_colors import STATUS_COLOR, status_color
from mekle.testing.cast import make_ready, register


@pytest.fixture
def signed_in_alice(client, alice):
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    return client


def test_every_status_has_a_colour_of_the_theme():
    assert set(STATUS_COLOR) == set(Status)
    assert set(STATUS_COLOR.values()) <= {"info", "accent", "success", "warning", "neutral"}
    assert status_color("received") == "info"
    assert status_color("fulfilled") == "success"
    assert status_color("not a status") == "neutral"


def test_the_case_list_shows_each_status_as_a_tag(signed_in_alice, alice, office_a):
    received = register(alice, office_a)
    preparing = register(alice, office_a)
    make_ready(alice, preparing)
    page = signed_in_alice.get(reverse("workspace:case_list")).content.decode()
    assert '<td><span class="ds-tag" data-color="info">Received</span></td>' in page
    assert '<td><span class="ds-tag" data-color="accent">Preparing</span></td>' in page
    assert received.reference in page


def test_the_case_page_shows_its_status_as_a_tag(signed_in_alice, case):
    page = signed_in_alice.get(reverse("workspace:case_page", args=[case.reference])).content.decode()
    assert f'<span class="ds-tag" data-color="{status_color(case.status)}">{case.get_status_display()}</span>' in page


def test_the_case_list_pages_are_designsystemets_pagination(signed_in_alice, alice, office_a, settings):
    settings.MEKLE_CASES_PER_PAGE = 1
    for day in (1, 2, 3, 4, 5):
        register(alice, office_a, received_on=dt.date(2026, 1, day))
    page = signed_in_alice.get(reverse("workspace:case_list"), {"sort": "oldest", "page": 3}).content.decode()
    nav = page[page.index('<nav class="ds-pagination') : page.index("</nav>", page.index('<nav class="ds-pagination'))]
    assert 'href="?sort=oldest&amp;page=2" rel="prev"' in nav
    assert 'href="?sort=oldest&amp;page=4" rel="next"' in nav
    assert 'aria-current="true" href="?sort=oldest&amp;page=3" aria-label="Page 3 of 5">3</a>' in nav
    first = signed_in_alice.get(reverse("workspace:case_list"), {"sort": "oldest"}).content.decode()
    assert '<span class="ds-button" data-variant="tertiary" aria-hidden="true">Previous page</span>' in first
