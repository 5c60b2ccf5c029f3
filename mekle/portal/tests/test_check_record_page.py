"""The public page that checks a good-faith record: by its JSON file or its PDF, and what it answers."""

import copy
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from mekle.agreements.documents import render_pdf
from mekle.dialogue import services
from mekle.dialogue.models import GoodFaithRecord
from mekle.journal import services as journal_services
from mekle.journal.models import Journal
from mekle.parties.participants import Participant
from mekle.testing.goodfaith import EVERY_FIELD, as_format_1, changed, rehashed
from mekle.testing.journal import keeper
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone", "contact_open")

CHANGED = "Oversikten er endret etter at Mekle laget den: innholdet stemmer ikke lenger med hashene."


@pytest.fixture
def kept(case, ola, kari):
    """Ola's record as Mekle made and kept it (three events: consent, two messages)."""
    for _ in range(2):
        services.send_message(actor=None, participant=Participant(ola), recipient=kari, text=CALM, language="nb")
    return services.make_goodfaith_record(actor=None, participant=Participant(ola), language="nb")


def upload(content, name="record.json"):
    payload = io.BytesIO(content if isinstance(content, bytes) else json.dumps(content).encode())
    payload.name = name
    response = Client().post(reverse("portal:check_record"), {"by": "file", "file-file": payload})
    assert response.status_code == 200
    return response


def answer(response):
    """What the page answered, and the reason it gave ("" for none)."""
    return response.context["result"], str(response.context["reason"])


def test_the_genuine_json_matches(kept):
    response = upload(kept.content)
    assert answer(response) == (True, "")
    assert 'data-color="success"' in response.content.decode()


def test_the_genuine_pdf_downloaded_by_the_party_matches(client, case, ola_user, kept):
    client.force_login(ola_user)
    download = reverse("portal:goodfaith_record_download", args=[case.reference, kept.code, "pdf"])
    pdf = client.get(download).content
    body = upload(pdf, "oversikt.pdf").content.decode()
    assert 'data-color="success"' in body
    assert "Stemmer med det Mekle har." in body
    # What the verified record says, so the pages of the PDF can be compared with it.
    facts = body.split('id="checked-record"')[1].split("</dl>")[0]
    for shown in ("Ola Nordmann", case.reference, kept.code, "<dd>3</dd>"):
        assert shown in facts


def test_a_pdf_mekle_did_not_render_around_a_genuine_record_does_not_match_and_says_why(client, case, ola_user, kept):
    client.force_login(ola_user)
    download = reverse("portal:goodfaith_record_download", args=[case.reference, kept.code, "pdf"])
    edited = client.get(download).content + b"\n% pages edited after Mekle made them\n"
    response = upload(edited, "oversikt.pdf")
    result, reason = answer(response)
    assert result is False
    assert reason.startswith("Oversikten som er vedlagt denne PDF-en, stemmer med det Mekle har, men selve PDF-en")
    assert "Ola Nordmann" in response.content.decode().split('id="checked-record"')[1]


def test_a_journal_pdf_as_mekle_exported_it_matches(db):
    signed_in = Client()
    signed_in.force_login(keeper())
    pdf = signed_in.get(reverse("portal:journal_export_pdf")).content
    assert answer(upload(pdf, "journal.pdf")) == (True, "")


def test_a_file_that_does_not_match_repeats_nothing_of_it(kept):
    record = copy.deepcopy(kept.content)
    record["events"][0]["summary"] = "Noe annet"
    body = upload(record).content.decode()
    assert 'id="checked-record"' not in body
    assert "Ola Nordmann" not in body


@pytest.mark.parametrize("field", EVERY_FIELD)
def test_a_change_to_any_field_of_the_record_or_of_an_event_does_not_match(kept, field):
    record = copy.deepcopy(kept.content)
    changed(record, field, index=1)
    assert upload(record).context["result"] is False


@pytest.mark.parametrize("field", ["code", "subject", "case", "generated_at", "events", "occurred_at", "summary"])
def test_a_change_with_every_hash_recomputed_does_not_match_either(kept, field):
    record = copy.deepcopy(kept.content)
    changed(record, field, index=1)
    rehashed(record)
    assert answer(upload(record)) == (False, "")


@pytest.mark.parametrize("field", ["summary", "payload", "case_event_hash"])
def test_a_changed_event_text_says_the_record_was_changed_in_norwegian(kept, field):
    record = copy.deepcopy(kept.content)
    changed(record, field, index=1)
    response = upload(record)
    assert answer(response) == (False, CHANGED)
    assert CHANGED in response.content.decode()


def test_a_pdf_without_a_record_says_so_plainly():
    body = upload(render_pdf("<p>Et annet dokument</p>"), "annet.pdf").content.decode()
    assert 'data-color="danger"' in body
    assert "PDF-en har ingen oversikt over egne bidrag vedlagt." in body


def test_a_file_that_is_no_record_says_so_and_a_tampered_one_reveals_nothing_of_mekles_copy(kept):
    # Neither JSON nor a PDF by its first bytes: the form refuses it before it is read.
    payload = io.BytesIO(b"hei")
    payload.name = "record.json"
    refused = Client().post(reverse("portal:check_record"), {"by": "file", "file-file": payload})
    assert refused.status_code == 400
    assert refused.context["file_form"].errors["file"] == [
        "Denne filen er ikke en oversikt fra Mekle. Velg oversiktens JSON-fil eller PDF-en."
    ]
    # JSON, but no record.
    assert (
        answer(upload(b'{"hei": 1}'))[1] == "Filen er verken JSON-filen eller PDF-en til en oversikt over egne bidrag."
    )
    forged = rehashed(copy.deepcopy(kept.content) | {"subject": "Kari Nordmann"})
    body = upload(forged).content.decode()
    assert "Ola" not in body
    assert "Kari Nordmann" not in body


def test_a_record_of_format_1_matches_only_as_mekle_kept_it(kept):
    old = as_format_1(copy.deepcopy(kept.content))
    GoodFaithRecord.objects.filter(pk=kept.pk).update(content=old, record_hash=old["record_hash"])
    assert upload(old).context["result"] is True
    for field, value in (("subject", "Kari Nordmann"), ("case", "OSL-2026-99999"), ("generated_at", "2020")):
        assert upload(old | {field: value}).context["result"] is False


def test_a_journal_record_of_format_2_matches_and_one_of_format_1_no_longer_does(db):
    nora = keeper()
    journal = Journal.objects.get(owner=nora)
    signed_in = Client()
    signed_in.force_login(nora)
    record = json.loads(signed_in.get(reverse("portal:journal_export_json")).content)
    assert upload(record).context["result"] is True
    assert upload(record | {"subject": "Kari"}).context["result"] is False
    old = as_format_1(copy.deepcopy(record))
    journal_services.keep_exported_record(journal=journal, code="ZZZZ-ZZZZ-ZZZZ", record_hash=old["record_hash"])
    assert upload(old | {"code": "ZZZZ-ZZZZ-ZZZZ"}).context["result"] is False


def test_checking_a_file_costs_at_most_two_queries_never_one_per_event(kept, django_assert_max_num_queries):
    forged = rehashed(copy.deepcopy(kept.content) | {"subject": "Kari Nordmann"})
    for record in (kept.content, forged):
        with django_assert_max_num_queries(2):  # the party's records, then the journal's
            upload(record)


def test_a_record_nested_too_deeply_to_hash_again_is_refused_not_a_server_error(kept):
    record = copy.deepcopy(kept.content)
    for depth in (700, 900):  # how deep still parses depends on the stack the view runs on
        record["events"][0]["payload"] = {"deep": json.loads("[" * depth + "]" * depth)}
        result, reason = answer(upload(record))
        assert result is False
        assert reason in (CHANGED, "Filen er verken JSON-filen eller PDF-en til en oversikt over egne bidrag.")


def test_the_page_says_what_a_check_shows(db):
    body = Client().get(reverse("portal:check_record")).content.decode()
    assert "Du ser om den stemmer og, hvis den gjør det, hva filen selv sier; ingenting fra det Mekle har." in body
