"""An agreement's dates make sense: its fulfilment date and every commitment fall on or after the day
it takes effect (after the cooling-off period), not in the past, and within five years.

The pure rules as tables, then the doors: the draft page says it in Norwegian on the field, and the
services (drafting, sending, approval) refuse the same, leaving everything as it was.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mekle.agreements import rules, services
from mekle.agreements.models import AgreementVersion, Commitment, VersionStatus
from mekle.cases.models import CaseEvent, Status
from mekle.lib.errors import Refusal
from mekle.testing.agreements import apology, draft, hold_meeting_with_agreement, sign_everyone

TODAY = dt.date(2026, 6, 1)
EFFECT = TODAY + dt.timedelta(days=14)


@pytest.fixture
def norwegian():
    with translation.override("nb"):
        yield


@pytest.fixture
def held(case, alice, mia):
    return hold_meeting_with_agreement(alice, mia, case)


def day(offset: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=offset)


def test_the_earliest_effect_and_the_latest_fulfilment_date():
    assert rules.earliest_effect(TODAY, 14) == EFFECT
    assert rules.earliest_effect(TODAY, 0) == TODAY
    assert rules.latest_fulfilment_date(TODAY) == dt.date(2031, 6, 1)
    assert rules.latest_fulfilment_date(dt.date(2028, 2, 29)) == dt.date(2033, 2, 28)


@pytest.mark.parametrize(
    ("fulfilment", "expected"),
    [
        (EFFECT, None),
        (dt.date(2031, 6, 1), None),  # five years ahead, the latest allowed
        (TODAY - dt.timedelta(days=1), "in the past"),
        (EFFECT - dt.timedelta(days=1), "before the agreement takes effect"),
        (dt.date(2031, 6, 2), "at most 5 years ahead"),
        (dt.date(9999, 12, 31), "at most 5 years ahead"),
    ],
)
def test_a_fulfilment_date_lies_from_the_effect_to_five_years_ahead(fulfilment, expected):
    with translation.override("en"):
        reasons = rules.fulfilment_date_refusals(fulfilment_date=fulfilment, takes_effect_on=EFFECT, today=TODAY)
    assert len(reasons) == (1 if expected else 0)
    assert all(expected in reason for reason in reasons)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (EFFECT, None),
        (EFFECT + dt.timedelta(days=10), None),  # the fulfilment date itself
        (TODAY - dt.timedelta(days=1), "in the past"),
        (TODAY, "before the agreement takes effect"),
        (EFFECT + dt.timedelta(days=11), "after the agreement's fulfilment date"),
        (dt.date(9999, 12, 31), "after the agreement's fulfilment date"),
    ],
)
def test_a_commitment_falls_from_the_effect_to_the_fulfilment_date(due, expected):
    with translation.override("en"):
        reasons = rules.due_date_refusals(
            due_on=due, fulfilment_date=EFFECT + dt.timedelta(days=10), takes_effect_on=EFFECT, today=TODAY
        )
    assert len(reasons) == (1 if expected else 0)
    assert all(expected in reason for reason in reasons)


# --- the services refuse the same ---------------------------------------------------------------


def test_the_reported_fulfilment_date_9999_12_31_is_refused_and_nothing_changes(norwegian, held, mia, kari):
    version = services.start_agreement(actor=mia, case=held)
    events = CaseEvent.objects.count()
    with pytest.raises(Refusal) as refused:
        services.update_draft(
            actor=mia,
            version=version,
            introduction="Endret.",
            fulfilment_date=dt.date(9999, 12, 31),
            cooling_off_days=0,
            commitments=[apology(kari, due_on=day(10))],
        )
    latest = rules.latest_fulfilment_date(timezone.localdate())
    assert refused.value.reasons == [
        f"Oppfyllelsesdatoen kan være høyst 5 år fram i tid, senest {latest.day}. {_month(latest)} {latest.year}."
    ]
    version.refresh_from_db()
    assert version.fulfilment_date == day(services.DEFAULT_FULFILMENT_DAYS)
    assert version.introduction != "Endret."
    assert not Commitment.objects.exists()
    assert CaseEvent.objects.count() == events


def _month(value: dt.date) -> str:
    from django.utils.dates import MONTHS

    return str(MONTHS[value.month])


def test_a_commitment_before_the_cooling_off_ends_or_in_the_past_is_refused(norwegian, held, mia, kari):
    version = services.start_agreement(actor=mia, case=held)
    effect = day(7)
    with pytest.raises(Refusal) as refused:
        services.update_draft(
            actor=mia,
            version=version,
            introduction="",
            fulfilment_date=day(30),
            cooling_off_days=7,
            commitments=[apology(kari, due_on=day(3)), apology(kari, due_on=day(-1)), apology(kari, due_on=effect)],
        )
    assert refused.value.reasons == [
        f"Forpliktelse 1: Datoen kan ikke være før avtalen gjelder fra ({effect.day}. {_month(effect)} {effect.year}).",
        "Forpliktelse 2: Datoen kan ikke være passert.",
    ]
    assert not Commitment.objects.exists()


def test_a_draft_whose_dates_have_passed_cannot_be_sent(norwegian, held, mia, time_machine):
    version = draft(mia, held)  # fulfilment in 30 days, the apology in 21
    time_machine.move_to(timezone.now() + dt.timedelta(days=31))
    with pytest.raises(Refusal) as refused:
        services.send_for_signing(actor=mia, version=version)
    assert refused.value.reasons == [
        "Oppfyllelsesdatoen kan ikke være passert.",
        "Forpliktelse 1: Datoen kan ikke være passert.",
    ]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_approval_refuses_a_version_whose_commitment_now_falls_before_it_takes_effect(
    norwegian, case, alice, mia, time_machine
):
    held = hold_meeting_with_agreement(alice, mia, case)
    version = draft(
        mia, held, commitments=[apology(held.parties.get(role="offender"), due_on=day(7))], cooling_off_days=7
    )
    version = services.send_for_signing(actor=mia, version=version)
    sign_everyone(mia, version)
    time_machine.move_to(timezone.now() + dt.timedelta(days=2))  # approved now, it takes effect in 7 days
    with pytest.raises(Refusal) as refused:
        services.approve(actor=mia, version=version)
    assert refused.value.reasons[0].startswith("Forpliktelse 1: Datoen kan ikke være før avtalen gjelder fra (")
    assert refused.value.reasons[-1] == "Lag en ny versjon med datoer som passer, og få den signert på nytt."
    version.refresh_from_db()
    held.refresh_from_db()
    assert (version.status, version.takes_effect_on, held.status) == (VersionStatus.SENT, None, Status.MEETING_HELD)


def test_approval_on_time_sets_the_day_the_commitments_were_checked_against(held, mia):
    version = draft(
        mia, held, commitments=[apology(held.parties.get(role="offender"), due_on=day(7))], cooling_off_days=7
    )
    version = services.send_for_signing(actor=mia, version=version)
    sign_everyone(mia, version)
    approved = services.approve(actor=mia, version=version)
    assert approved.takes_effect_on == day(7)


# --- the draft page says so ---------------------------------------------------------------------


def _edit(case) -> str:
    return reverse("workspace:agreement_edit", args=[case.reference, 1])


def _post(client, case, party, *, fulfilment: dt.date, due: dt.date, cooling_off: int = 0):
    return client.post(
        _edit(case),
        {
            "introduction": "Vi ble enige.",
            "fulfilment_date": fulfilment.isoformat(),
            "cooling_off_days": str(cooling_off),
            "commitments-TOTAL_FORMS": "1",
            "commitments-INITIAL_FORMS": "0",
            "commitments-MIN_NUM_FORMS": "0",
            "commitments-MAX_NUM_FORMS": "50",
            "commitments-0-kind": "apology",
            "commitments-0-party": str(party.pk),
            "commitments-0-description": "Sier unnskyld.",
            "commitments-0-due_on": due.isoformat(),
        },
    )


def test_the_page_refuses_a_fulfilment_date_of_9999_12_31_on_its_field(client, held, mia, kari):
    client.force_login(mia)
    services.start_agreement(actor=mia, case=held)
    response = _post(client, held, kari, fulfilment=dt.date(9999, 12, 31), due=day(10))
    assert response.status_code == 400
    [error] = response.context["form"].errors["fulfilment_date"]
    assert error.startswith("Oppfyllelsesdatoen kan være høyst 5 år fram i tid, senest ")
    assert AgreementVersion.objects.get().fulfilment_date == day(services.DEFAULT_FULFILMENT_DAYS)
    assert not Commitment.objects.exists()


def test_the_page_places_a_commitment_date_on_its_row(client, held, mia, kari):
    client.force_login(mia)
    services.start_agreement(actor=mia, case=held)
    late = _post(client, held, kari, fulfilment=day(30), due=day(90))
    assert late.status_code == 400
    assert late.context["formset"].forms[0].errors["due_on"] == [
        "Datoen kan ikke være etter avtalens oppfyllelsesdato."
    ]
    early = _post(client, held, kari, fulfilment=day(30), due=day(3), cooling_off=7)
    [early_error] = early.context["formset"].forms[0].errors["due_on"]
    assert early_error.startswith("Datoen kan ikke være før avtalen gjelder fra (")
    too_early_to_fulfil = _post(client, held, kari, fulfilment=day(3), due=day(3), cooling_off=7)
    [fulfil_error] = too_early_to_fulfil.context["form"].errors["fulfilment_date"]
    assert fulfil_error.startswith("Oppfyllelsesdatoen kan ikke være før avtalen gjelder fra (")
    assert not Commitment.objects.exists()
    assert _post(client, held, kari, fulfilment=day(30), due=day(7), cooling_off=7).status_code == 302
    assert Commitment.objects.get().due_on == day(7)


def test_the_page_sets_the_date_pickers_bounds_and_says_the_range(client, held, mia):
    client.force_login(mia)
    services.start_agreement(actor=mia, case=held)
    page = client.get(_edit(held))
    latest = rules.latest_fulfilment_date(timezone.localdate()).isoformat()
    fulfilment = page.context["form"]["fulfilment_date"]
    assert f'min="{day(0).isoformat()}"' in str(fulfilment)
    assert f'max="{latest}"' in str(fulfilment)
    assert "Fra " in fulfilment.help_text
    due = page.context["formset"].forms[0]["due_on"]
    assert f'max="{latest}"' in str(due)
    assert "Ikke før avtalen gjelder, og senest på oppfyllelsesdatoen." in page.content.decode()


@pytest.mark.parametrize(
    ("signed", "sent", "expected"),
    [
        (TODAY, TODAY, None),
        (TODAY - dt.timedelta(days=3), TODAY - dt.timedelta(days=3), None),
        (TODAY - dt.timedelta(days=4), TODAY - dt.timedelta(days=3), "before the version was sent"),
        (dt.date(1, 1, 1), None, None),  # a version not yet sent: the service refuses to sign it anyway
        (TODAY + dt.timedelta(days=1), TODAY, "in the future"),
    ],
)
def test_a_paper_signature_is_dated_from_the_sending_to_today(signed, sent, expected):
    with translation.override("en"):
        reasons = rules.signature_date_refusals(signed_on=signed, sent_on=sent, today=TODAY)
    assert len(reasons) == (1 if expected else 0)
    assert all(expected in reason for reason in reasons)


def test_the_signature_page_refuses_a_date_before_the_sending_and_records_nothing(client, alice, held, mia, ola):
    from mekle.agreements.models import Signature

    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    client.force_login(alice)
    page = reverse("workspace:agreement_record_signature", args=[held.reference, 1])
    response = client.post(page, {"signer": f"{ola.pk}-0", "signed_on": "0001-01-01", "confirm": "on"})
    assert response.status_code == 400
    sent_on = timezone.localdate(version.sent_at)
    assert response.context["form"].errors["signed_on"] == [
        f"Datoen kan ikke være før versjonen ble sendt ({sent_on.day}. {_month(sent_on)} {sent_on.year})."
    ]
    assert not Signature.objects.exists()
    assert f'min="{sent_on.isoformat()}"' in response.content.decode()
