"""The portal's map of the vocabulary: a sentence and a next step for every status."""

import pytest
from django.utils import translation

from mekle.cases.models import Status
from mekle.portal.presenters import NEXT_STEP, STATUS_TEXT, next_step, status_sentence


def test_every_status_has_a_sentence_and_a_next_step():
    assert set(STATUS_TEXT) == set(Status)
    assert set(NEXT_STEP) == set(Status)


@pytest.mark.parametrize("status", list(Status))
def test_no_status_reads_as_a_blank_line(status):
    with translation.override("nb"):
        assert status_sentence(status).strip()
        assert next_step(status, consented=True, answered=True).strip()


def test_only_the_one_who_withdrew_is_told_so():
    with translation.override("en"):
        assert (
            status_sentence(Status.WITHDRAWN, withdrew=True)
            == "You withdrew from the mediation, and the case is closed."
        )
        assert status_sentence(Status.WITHDRAWN) == "The mediation has ended."
