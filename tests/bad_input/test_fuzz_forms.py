"""Property-based fuzzing of every form a person can send (hypothesis).

The forms are found, not listed: every route of the URL configuration is opened by staff, a party,
a parent with a journal and an anonymous visitor, in a few case states, and every form on every page
is read as a browser would (`pages.py`). Each is then sent with values drawn from what its fields
allow and from what they must refuse: text with control characters, text one past the stated
maximum, numbers and dates out of range, choices that do not exist, row counts that lie, files of
the wrong kind, fields left out. Every answer is below 500, and a refusal (4xx: an invalid form
answers 400) has saved nothing: no row in any table, no case event.

A form class no page uses in these worlds fails `test_every_form_class_is_reached` until it is.
"""

from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mekle.agreements import services as agreement_services
from mekle.agreements.models import Commitment
from mekle.dialogue import services as dialogue_services
from mekle.mediators import services as mediator_services
from mekle.parties.participants import Participant
from mekle.testing import journal
from mekle.testing.agreements import draft, drive_to_follow_up, hold_meeting_with_agreement
from mekle.testing.cast import open_direct_contact, portal_user_of, register

from .pages import Field, Target, targets

EXAMPLES_PER_FORM = 6

# Rows an answer may write whatever the form said: reads are logged, failed sign-ins and refused
# staff steps are recorded (the lockout and the staff audit need them), requests are counted for the
# rate limits, sessions come and go.
WRITTEN_ON_ANY_ANSWER = {
    "access.AccessLogEntry",
    "accounts.RateLimit",
    "sessions.Session",
    "signin.SignInFailure",
    "signin.SignInLockout",
    "signin.StaffAuditEntry",
    "signin.StaffSession",
}

# Form classes that no page shows in the worlds below, and why.
NOT_REACHED = {
    "mekle.signin.forms.CodeForm": "the second-factor pages: tests sign staff in with both factors (conftest.py)",
    "mekle.signin.forms.PasskeyForm": "the same; and it takes the browser's WebAuthn answer (mekle/signin/tests)",
    "mekle.portal.forms.journal.AnswerForm": "reached only through the token e-mailed to the other parent",
    "mekle.portal.forms.follow_up.FulfilmentForm": "shown once a commitment is due, days after these worlds",
    "mekle.workspace.follow_up_forms.ConclusionForm": "shown once the fulfilment date has come",
}

STRANGE = [
    "",
    " ",
    "-1",
    "0",
    "99999999999999999999",
    "1e308",
    "NaN",
    "abc",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "٣",
    "25:61",
    "http://",
    "a@",
    "\x01\x0b",
    "<script>alert(1)</script>",
    "'; DROP TABLE cases_case; --",
]
FILES = [
    ("skann.pdf", b"%PDF-1.7\n1 0 obj\n"),
    ("skann.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16),
    ("skann.pdf", b"<html><script>alert(1)</script>"),
    ("record.json", b'{"code": "AAAA-BBBB-CCCC", "record_hash": "00"}'),
    ("record.json", b"\xff\xfe not json"),
]


def values_for(field: Field):
    """What a browser, a robot or a person pasting things might put in this field."""
    choices = [st.just(field.value), st.sampled_from(STRANGE), st.text(max_size=40), st.none()]
    if field.options:
        choices.append(st.sampled_from(field.options))
    if field.max_length:
        choices += [st.just("å" * field.max_length), st.just("x" * (field.max_length + 1))]
    if field.kind == "file":
        choices = [st.none(), st.sampled_from(FILES)]
    return st.one_of(*choices)


@st.composite
def submission(draw, target: Target):
    data = {}
    for name, field in target.form.fields.items():
        value = draw(values_for(field))
        if value is None:
            continue
        data[name] = SimpleUploadedFile(*value) if isinstance(value, tuple) else value
    if draw(st.booleans()):
        data[draw(st.sampled_from(["extra", "commitments-TOTAL_FORMS", "party-TOTAL_FORMS"]))] = draw(
            st.sampled_from(STRANGE)
        )
    return data


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label not in WRITTEN_ON_ANY_ANSWER and not model._meta.proxy
    }


@pytest.fixture
def worlds(alice, mia, case, other_case, minor_case, office_a, ola, kari):
    """Cases in the states whose pages hold forms: just received; with a minor and a guardian;
    drafting the agreement; waiting for signatures; in follow-up; with direct contact and a proposal."""
    mediator_services.assign_mediator(actor=alice, case=other_case, mediator=mia)
    hold_meeting_with_agreement(alice, mia, other_case)
    draft(mia, other_case)
    signing = register(alice, office_a, name="Nils Nilsen", mediator=mia)
    hold_meeting_with_agreement(alice, mia, signing)
    agreement_services.send_for_signing(actor=mia, version=draft(mia, signing))
    following = drive_to_follow_up(alice, mia, register(alice, office_a, name="Per Persen", mediator=mia))
    talking = open_direct_contact(register(alice, office_a, name="Tone Tangen", mediator=mia), alice)
    tone, other = talking.parties.order_by("pk")
    proposal = dialogue_services.make_proposal(
        actor=None, participant=Participant(other), recipient=tone, kind="arrangement", text="Vi bytter helg."
    )
    parameters = [{"kind": "message"}]
    for world in (case, minor_case, other_case, signing, following, talking):
        party = world.parties.order_by("-pk")[0]
        values = {"reference": world.reference, "party_id": str(party.pk), "number": "1", "mediator_id": str(mia.pk)}
        if (guardian := party.guardians.first()) is not None:
            values["guardian_id"] = str(guardian.pk)
        if (meeting := world.meetings.order_by("pk").first()) is not None:
            values["meeting_id"] = str(meeting.pk)
        if (commitment := Commitment.objects.filter(version__agreement__case=world).first()) is not None:
            values["commitment_id"] = str(commitment.pk)
        values["proposal_id"] = str(proposal.pk)
        parameters.append(values)
    users = {
        "alice": alice,
        "mia": mia,
        "ola": portal_user_of(ola),
        "kari": portal_user_of(kari),
        "nils": portal_user_of(signing.parties.order_by("pk").first()),
        "per": portal_user_of(following.parties.order_by("-pk").first()),
        "tone": portal_user_of(tone),
        "nora": journal.keeper(),
        "anonymous": None,
    }
    clients = {}
    for who, user in users.items():
        clients[who] = Client(raise_request_exception=False)
        if user is not None:
            clients[who].force_login(user)
    return targets(clients, parameters)


def mekle_form_classes():
    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return {
        cls
        for cls in below(forms.BaseForm)
        if cls.__module__.startswith(("mekle.workspace", "mekle.portal", "mekle.signin"))
        and not cls.__module__.endswith("tests")
    }


@pytest.mark.slow
def test_every_form_class_is_reached(worlds):
    reached = {f"{c.__module__}.{c.__qualname__}" for c in worlds[1]}
    every = {f"{c.__module__}.{c.__qualname__}" for c in mekle_form_classes()}
    missing = sorted(every - reached - set(NOT_REACHED))
    assert not missing, "\n".join(missing)
    assert len(worlds[0]) >= 40


def fuzz(target: Target, problems: list[Any]) -> None:
    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def send(data):
        values = data.draw(submission(target))
        with transaction.atomic():
            before = row_counts()
            response = target.client.post(target.form.action, values)
            after = row_counts()
            transaction.set_rollback(True)
        if response.status_code >= 500:
            problems.append((target.who, target.form.action, response.status_code, values))
        elif response.status_code >= 400 and after != before:  # refused: invalid forms answer 400
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            problems.append((target.who, target.form.action, response.status_code, changed, values))

    send()


@pytest.mark.slow
def test_no_form_answers_500_or_saves_anything_it_refused(worlds):
    problems: list[Any] = []
    for target in worlds[0]:
        fuzz(target, problems)
    summary = sorted({(who, action, status, str(sorted(rest[0]))[:200]) for who, action, status, *rest in problems})
    assert not summary, "\n".join(map(str, summary))
