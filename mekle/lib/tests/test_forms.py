"""The doors' refusal plumbing: a service's refusal becomes form errors or messages, and nothing else."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from mekle.lib.errors import Refusal
from mekle.lib.forms import (
    BoundedFormSet,
    DesignsystemetForm,
    add_rows,
    rows_sent,
    run_and_report,
    run_or_report,
    run_service,
)


def _refuse(**kwargs):
    raise Refusal(["Not now.", "Not like this."])


def _request():
    request = RequestFactory().post("/")
    request.session = {}  # type: ignore[assignment]  # the message storage needs only a mapping
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]  # what MessageMiddleware sets
    return request


def test_run_service_returns_the_result_or_shows_the_refusal_on_the_form():
    form = forms.Form(data={})
    assert run_service(form, dict, answer=42) == {"answer": 42}
    assert run_service(form, _refuse, answer=42) is None
    assert form.non_field_errors() == ["Not now.", "Not like this."]


def test_run_or_report_returns_the_result_or_says_why_not_as_messages():
    request = _request()
    assert run_or_report(request, dict, answer=42) == {"answer": 42}
    assert run_or_report(request, _refuse) is None
    assert [str(m) for m in get_messages(request)] == ["Not now.", "Not like this."]


@pytest.mark.parametrize(
    ("service", "worked", "said"), [(dict, True, ["Done."]), (_refuse, False, ["Not now.", "Not like this."])]
)
def test_run_and_report_says_that_it_worked_or_why_not(service, worked, said):
    request = _request()
    assert run_and_report(request, service, done="Done.") is worked
    assert [str(m) for m in get_messages(request)] == said


class _Row(forms.Form):
    text = forms.CharField(max_length=10, required=False)


_Rows = forms.formset_factory(_Row, formset=BoundedFormSet, max_num=3, absolute_max=3, validate_max=True)


def _sent(total, rows=1, initial="0"):
    data = {f"rows-{i}-text": f"rad {i}" for i in range(rows)} | {"rows-INITIAL_FORMS": initial}
    return data if total is None else data | {"rows-TOTAL_FORMS": total}


@pytest.mark.parametrize("total", ["2", "0", "3"])
def test_a_bounded_formset_believes_a_count_within_its_maximum(total):
    formset = _Rows(_sent(total, rows=2), prefix="rows")
    assert len(formset.forms) == int(total)
    assert formset.is_valid()
    assert formset.non_form_errors() == []


@pytest.mark.parametrize("total", [None, "", "x", "-1", "²", "1" * 12])
def test_a_bounded_formset_counts_the_rows_sent_when_the_count_is_broken(total):
    formset = _Rows(_sent(total, rows=2, initial="9"), prefix="rows")
    assert [f["text"].value() for f in formset.forms] == ["rad 0", "rad 1"]
    assert formset.management_form["TOTAL_FORMS"].value() == "2"
    assert formset.management_form["INITIAL_FORMS"].value() == "2"  # never more than the rows
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Skjemaet kom ikke fram helt. Se over radene nedenfor, og send det igjen."]


def test_a_bounded_formset_refuses_more_rows_than_its_maximum_and_builds_no_more():
    formset = _Rows(_sent("99999999", rows=5), prefix="rows")
    assert len(formset.forms) == 3
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Det kan være høyst 3 rader."]


def test_rows_sent_is_one_more_than_the_highest_row_number():
    assert rows_sent({"rows-4-text": "", "rows-1-text": "", "other-9-text": "", "rows-TOTAL_FORMS": "1"}, "rows") == 5
    assert rows_sent({"rows-TOTAL_FORMS": "7", "rows-x-text": ""}, "rows") == 0


@pytest.mark.parametrize(
    ("total", "rows", "room"), [("0", 0, True), ("2", 2, True), ("3", 3, False), ("x", 2, True), ("9", 1, True)]
)
def test_add_rows_never_goes_beyond_the_maximum(total, rows, room):
    data = _sent(total, rows=rows)
    assert add_rows(data, "rows", count=2, maximum=3) is room
    assert data["rows-TOTAL_FORMS"] == str(min(rows + 2, 3))


class _Notes(DesignsystemetForm, forms.Form):
    short = forms.CharField(max_length=20)
    long = forms.CharField(max_length=4000, widget=forms.Textarea, help_text="In plain words.")
    bare = forms.CharField(max_length=300, widget=forms.Textarea, required=False)


def test_a_text_box_says_how_much_it_holds():
    form = _Notes()
    assert str(form.fields["long"].help_text) == "In plain words. Høyst 4000 tegn."
    assert str(form.fields["bare"].help_text) == "Høyst 300 tegn."
    assert str(form.fields["short"].help_text) == ""  # a one-line box shows its size
    assert 'maxlength="4000"' in str(form["long"])


@pytest.mark.parametrize("initial", [None, "x", "-2"])
def test_a_bounded_formset_repairs_a_broken_initial_count_too(initial):
    data = _sent("2", rows=2)
    del data["rows-INITIAL_FORMS"]
    formset = _Rows(data if initial is None else data | {"rows-INITIAL_FORMS": initial}, prefix="rows")
    assert len(formset.forms) == 2
    assert formset.management_form["INITIAL_FORMS"].value() == "0"
    assert formset.non_form_errors() == ["Skjemaet kom ikke fram helt. Se over radene nedenfor, og send det igjen."]


@pytest.mark.parametrize("text", ["a\x01b", "a\x0bb", "x\x1by", "\x7f"])
def test_a_text_field_refuses_control_characters_in_norwegian(text):
    form = _Notes(data={"short": text, "long": "ok", "bare": ""})
    assert form.errors["short"] == [
        "Fjern det usynlige kontrolltegnet fra teksten. Det kan ha fulgt med en kopiert tekst."
    ]


def test_a_text_field_keeps_tabs_and_line_breaks():
    form = _Notes(data={"short": "a\tb", "long": "line\r\nline\n", "bare": ""})
    assert form.is_valid(), form.errors
