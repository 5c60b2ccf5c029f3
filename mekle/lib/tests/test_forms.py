"""The doors' refusal plumbing: a service's refusal becomes form errors or messages, and nothing else."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from mekle.lib.errors import Refusal
from mekle.lib.forms import run_and_report, run_or_report, run_service


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
