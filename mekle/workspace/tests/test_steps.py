"""The staff door's map of the lifecycle's moves: every action has an entry, every page exists."""

import pytest
from django.urls import NoReverseMatch, reverse

from mekle.cases.lifecycle import TRANSITIONS, Action
from mekle.workspace.steps import STEP_PAGES, StepPage


def test_every_action_has_an_entry_in_the_step_map():
    assert set(STEP_PAGES) == set(Action)
    assert set(TRANSITIONS) == set(Action)


PAGES = sorted({page for pages in STEP_PAGES.values() for page in pages}, key=lambda page: page.url_name)


@pytest.mark.parametrize("page", PAGES)
def test_every_step_page_is_a_real_case_page(page: StepPage) -> None:
    args = ["OSL-2026-00001", 1] if page.per_meeting else ["OSL-2026-00001"]
    try:
        reverse(page.url_name, args=args)
    except NoReverseMatch:  # pragma: no cover - the assertion names the page
        pytest.fail(f"{page.url_name} is not a case page")
