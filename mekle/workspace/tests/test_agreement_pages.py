"""The staff agreement pages: start, draft with commitments, send, paper signatures, approve, refuse."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mekle.access.models import AccessLogEntry
from mekle.agreements import services
from mekle.agreements.models import AgreementVersion, Signature, VersionStatus
from mekle.agreements.services import CommitmentInput
from mekle.cases.models import Status
from mekle.testing.agreements import apology, draft, hold_meeting_with_agreement, sign_everyone


@pytest.fixture
def held(case, alice, mia):
    return hold_meeting_with_agreement(alice, mia, case)


def url(name, case, *args):
    return reverse(f"workspace:{name}", args=[case.reference, *args])


def draft_data(case, rows, *, total=None, **extra):
    data = {
        "introduction": "Vi ble enige.",
        "fulfilment_date": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "cooling_off_days": "0",
        "commitments-TOTAL_FORMS": str(total or len(rows)),
        "commitments-INITIAL_FORMS": "0",
        "commitments-MIN_NUM_FORMS": "0",
        "commitments-MAX_NUM_FORMS": "50",
        **extra,
    }
    for i, row in enumerate(rows):
        data.update({f"commitments-{i}-{key}": value for key, value in row.items()})
    return data


def row(party, kind="apology", **extra):
    return {
        "kind": kind,
        "party": str(party.pk),
        "description": "Sier unnskyld.",
        "due_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        **extra,
    }


def test_the_case_page_offers_to_write_the_agreement_after_the_meeting(client, held, mia):
    client.force_login(mia)
    body = client.get(url("case_page", held)).content.decode()
    assert url("agreement_start", held) in body
    assert url("agreement", held) in body  # the next step


def test_starting_leads_to_the_draft_and_saving_it_stores_the_commitments(client, held, mia, ola, kari):
    client.force_login(mia)
    response = client.post(url("agreement_start", held))
    assert response["Location"] == url("agreement_edit", held, 1)
    page = client.get(url("agreement_edit", held, 1))
    assert page.status_code == 200
    assert "Unnskyldning og ny hekk." in page.content.decode()
    data = draft_data(held, [row(kari, beneficiary=str(ola.pk)), {}], total=2)
    response = client.post(url("agreement_edit", held, 1), data)
    assert response.status_code == 302, response.content.decode()
    version = AgreementVersion.objects.get()
    assert [(c.party, c.beneficiary) for c in version.commitments.all()] == [(kari, ola)]


def test_more_rows_are_added_by_resubmitting_without_saving(client, held, mia, kari):
    client.force_login(mia)
    services.start_agreement(actor=mia, case=held)
    data = draft_data(held, [row(kari)], more_rows="1")
    response = client.post(url("agreement_edit", held, 1), data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 2
    assert AgreementVersion.objects.get().commitments.count() == 0


def test_the_draft_form_refuses_money_in_a_youth_case(client, alice, mia, office_a):
    from mekle.mediators import services as mediator_services
    from mekle.parties import services as party_services
    from mekle.testing.cast import adult

    case = party_services.register_referral(
        actor=alice,
        office=office_a,
        case_type="youth_sentence",
        referrer_kind="court",
        referrer_reference="REF-1",
        referrer_decision_date=timezone.localdate(),
        parties=[adult("Per Hansen", "victim"), adult("Tor Olsen", "offender")],
    )
    mediator_services.assign_mediator(actor=alice, case=case, mediator=mia)
    hold_meeting_with_agreement(alice, mia, case)
    services.start_agreement(actor=mia, case=case)
    per, tor = case.parties.order_by("id")
    client.force_login(mia)
    data = draft_data(case, [row(tor, kind="payment", amount="1000", beneficiary=str(per.pk))])
    response = client.post(url("agreement_edit", case, 1), data)
    assert response.status_code == 400
    assert "pengeerstatning" in str(response.context["formset"].errors)  # bokmål by default
    assert "cooling_off_days" not in response.context["form"].fields  # criminal: always 14


def test_a_commitment_after_the_fulfilment_date_shows_on_its_row(client, held, mia, kari):
    client.force_login(mia)
    services.start_agreement(actor=mia, case=held)
    late = (timezone.localdate() + dt.timedelta(days=90)).isoformat()
    response = client.post(url("agreement_edit", held, 1), draft_data(held, [row(kari, due_on=late)]))
    assert response.status_code == 400
    assert response.context["formset"].forms[0].errors["due_on"]


def test_send_sign_on_paper_and_approve_through_the_pages(client, held, alice, mia, ola, kari, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft(mia, held)
    client.force_login(alice)
    assert client.post(url("agreement_send", held, 1)).status_code == 302
    version = AgreementVersion.objects.get()
    assert version.status == VersionStatus.SENT
    assert client.get(url("agreement_edit", held, 1)).status_code == 302  # frozen: back to the version
    form = client.get(url("agreement_record_signature", held, 1))
    assert form.status_code == 200
    scan = SimpleUploadedFile("signatur.pdf", b"%PDF-1.4 signert", content_type="application/pdf")
    response = client.post(
        url("agreement_record_signature", held, 1),
        {"signer": f"{ola.pk}-0", "signed_on": timezone.localdate().isoformat(), "scanned_copy": scan, "confirm": "on"},
    )
    assert response.status_code == 302
    signature = Signature.objects.get(party=ola)
    assert (signature.method, signature.recorded_by, signature.content_hash) == ("paper", alice, version.content_hash)
    assert signature.scanned_copy.name.endswith(".pdf")
    assert client.get(url("agreement_approve", held, 1)).status_code == 403  # the mediator approves
    client.force_login(mia)
    refused = client.post(url("agreement_approve", held, 1), {"confirm": "on"})
    assert refused.status_code == 400
    assert "Kari Nordmann" in refused.content.decode()
    client.post(
        url("agreement_record_signature", held, 1),
        {"signer": f"{kari.pk}-0", "signed_on": timezone.localdate().isoformat(), "confirm": "on"},
    )
    assert client.post(url("agreement_approve", held, 1), {"confirm": "on"}).status_code == 302
    held.refresh_from_db()
    assert held.status == Status.IN_FOLLOW_UP
    page = client.get(url("agreement_version", held, 1)).content.decode()
    assert "Ola Nordmann" in page
    assert version.content_hash in page


def test_refusing_approval_needs_a_reason_and_a_new_version_can_follow(client, held, mia):
    services.send_for_signing(actor=mia, version=draft(mia, held))
    client.force_login(mia)
    assert client.post(url("agreement_refuse", held, 1), {"reason": ""}).status_code == 400
    assert client.post(url("agreement_refuse", held, 1), {"reason": "Ensidig."}).status_code == 302
    assert client.post(url("agreement_revise", held, 1))["Location"] == url("agreement_edit", held, 2)
    earlier = client.get(url("agreement_version", held, 1)).content.decode()
    assert "Ensidig." in earlier
    assert client.get(url("agreement", held))["Location"] == url("agreement_version", held, 2)


def test_the_version_page_is_in_the_access_log(client, held, mia):
    draft(mia, held)
    client.force_login(mia)
    client.get(url("agreement_version", held, 1))
    entry = AccessLogEntry.objects.get(what="agreement_version")
    assert entry.case_reference == held.reference


def test_without_an_agreement_the_page_offers_to_start(client, case, held, alice):
    client.force_login(alice)
    response = client.get(url("agreement", held))
    assert response.status_code == 200
    assert response.context["can_start"]


def test_a_missing_version_is_404(client, held, mia):
    client.force_login(mia)
    assert client.get(url("agreement_version", held, 7)).status_code == 404


def test_a_failed_start_is_reported(client, case, alice):
    client.force_login(alice)
    response = client.post(url("agreement_start", case))
    assert response["Location"] == url("agreement", case)


def with_commitments(mia, case, count):
    kari = case.parties.get(full_name="Kari Nordmann")
    ola = case.parties.get(full_name="Ola Nordmann")
    commitments = [apology(kari, beneficiary=ola) for _ in range(count)]
    commitments.append(
        CommitmentInput(
            kind="payment",
            party=kari,
            beneficiary=ola,
            description="Betaler.",
            due_on=timezone.localdate() + dt.timedelta(days=5),
            amount=Decimal(100),
            instalments=2,
        )
    )
    return draft(mia, case, commitments)


@pytest.mark.parametrize("name", ["agreement_version", "agreement_edit", "agreement_record_signature", "case_page"])
def test_query_counts_do_not_grow_with_the_number_of_commitments(
    client, alice, mia, office_a, name, django_assert_max_num_queries
):
    from mekle.mediators import services as mediator_services
    from mekle.parties import services as party_services
    from mekle.testing.cast import adult

    counts = []
    for count in (2, 10):
        case = party_services.register_referral(
            actor=alice,
            office=office_a,
            case_type="civil",
            referrer_kind="party",
            parties=[adult("Ola Nordmann"), adult("Kari Nordmann", "offender")],
        )
        mediator_services.assign_mediator(actor=alice, case=case, mediator=mia)
        hold_meeting_with_agreement(alice, mia, case)
        version = with_commitments(mia, case, count)
        if name != "agreement_edit":
            version = services.send_for_signing(actor=mia, version=version)
            if name == "case_page":
                sign_everyone(mia, version)
        client.force_login(mia)
        args = [] if name == "case_page" else [1]
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name, case, *args)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(25):
        client.get(url(name, case, *args))


def test_a_case_whose_agreement_is_never_signed_closes_as_no_agreement(client, alice, mia, case):
    from mekle.cases.models import Status
    from mekle.testing.agreements import hold_meeting_with_agreement

    hold_meeting_with_agreement(alice, mia, case)
    client.force_login(alice)
    page = client.get(reverse("workspace:case_page", args=[case.reference])).content.decode()
    close = reverse("workspace:agreement_close_without", args=[case.reference])
    assert close in page
    assert client.post(close, {"reason": ""}).status_code == 400
    case.refresh_from_db()
    assert case.status == Status.MEETING_HELD
    assert client.post(close, {"reason": "Partene signerte ikke likevel."}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.NO_AGREEMENT
    assert case.events.order_by("-sequence")[1].kind == "agreement_abandoned"


def test_only_the_offices_caseworkers_close_without_agreement(client, alice, mia, bob, case):
    from mekle.testing.agreements import hold_meeting_with_agreement

    hold_meeting_with_agreement(alice, mia, case)
    close = reverse("workspace:agreement_close_without", args=[case.reference])
    for user, expected in ((mia, 403), (bob, 404)):
        client.force_login(user)
        assert client.post(close, {"reason": "x"}).status_code == expected
    case.refresh_from_db()
    assert case.status == "meeting_held"
