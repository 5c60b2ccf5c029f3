"""The portal's map of the vocabulary (a sentence and a next step for every status) and a flagged
message cut into marked pieces."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from mekle.cases.models import Status
from mekle.portal.presenters import NEXT_STEP, STATUS_TEXT, Segment, next_step, segments_of, status_sentence


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


def span(start, end, reason="threat", category="threat"):
    return SimpleNamespace(start=start, end=end, reason=reason, category=category)


def test_a_flagged_message_is_cut_into_plain_and_marked_pieces_in_order():
    text = "Du er dum og jeg tar deg"
    pieces = segments_of(text, [span(17, 24, "a threat"), span(6, 9, "an insult", "insult")])
    assert pieces == [
        Segment("Du er "),
        Segment("dum", reason="an insult", category="insult"),
        Segment(" og jeg "),
        Segment("tar deg", reason="a threat", category="threat"),
    ]
    assert "".join(piece.text for piece in pieces) == text


def test_overlapping_or_outlying_spans_are_left_out_and_an_unflagged_text_is_one_piece():
    assert segments_of("hei", []) == [Segment("hei")]
    pieces = segments_of("abcdef", [span(0, 3), span(2, 4), span(5, 9)])
    assert pieces == [Segment("abc", reason="threat", category="threat"), Segment("def")]
