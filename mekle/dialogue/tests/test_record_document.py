"""The good-faith record's PDF as a caseworker or a judge reads it: the office, each entry in words
with what it means, how the other side answered each proposal, where to check it, hashes in an
appendix; tagged, in its language, still PDF/A, and its record unchanged."""

import datetime as dt
import io
import json
from typing import Any, cast

import pikepdf
import pytest
from pypdf import PdfReader

from mekle.dialogue import goodfaith, selectors, services
from mekle.dialogue.links import check_record_url
from mekle.dialogue.models import GoodFaithRecord
from mekle.dialogue.record_document import RecordSetting, document_context
from mekle.parties.participants import Participant
from mekle.testing.goodfaith import sample
from mekle.testing.pdf import accessibility_of
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")

PDFA_ID = "{http://www.aiim.org/pdfa/ns/id/}"


def pages_of(pdf: bytes) -> list[str]:
    """Each page's text, with line breaks inside table cells read as spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def attached_record(pdf: bytes) -> dict[str, Any]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return cast(dict[str, Any], json.loads(list(document.attachments.values())[0].get_file().read_bytes()))


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_record_pdf_is_tagged_in_its_language_and_still_pdfa(language):
    pdf = goodfaith.render_record_pdf(sample(2), language)
    found = accessibility_of(pdf)
    assert found.tagged
    assert found.lang == language
    assert {"/H1", "/H2", "/Table"} <= found.kinds
    with pikepdf.open(io.BytesIO(pdf)) as document:
        metadata = document.open_metadata()
        assert (metadata[f"{PDFA_ID}part"], metadata[f"{PDFA_ID}conformance"]) == ("3", "B")


@pytest.fixture
def talks(contact_open, ola, kari):
    """Ola proposes three times: Kari accepts the first, declines the second, and has not answered the third."""
    ola_p, kari_p = Participant(ola), Participant(kari)
    made = [
        services.make_proposal(actor=None, participant=ola_p, recipient=kari, kind="arrangement", text=text)
        for text in ("Jeg henter på fredager.", "Vi bytter helg.", "Vi møtes hos mekleren.")
    ]
    services.accept_proposal(actor=None, participant=kari_p, proposal=made[0])
    services.decline_proposal(actor=None, participant=kari_p, proposal=made[1], reason="")
    services.send_message(actor=None, participant=ola_p, recipient=kari, text=CALM, language="nb")
    return made


def ola_record(ola) -> dict[str, Any]:
    row = services.make_goodfaith_record(actor=None, participant=Participant(ola), language="nb")
    return cast(dict[str, Any], GoodFaithRecord.objects.get(pk=row.pk).content)


def test_the_pdf_names_the_office_each_entry_the_answers_and_where_to_check(talks, ola, kari):
    record = ola_record(ola)
    services.accept_proposal(actor=None, participant=Participant(kari), proposal=talks[2])  # after the record
    pdf = services.render_record_pdf(record=record, language="nb")
    pages = pages_of(pdf)
    text = "\n".join(pages)
    assert "Konfliktrådet i Oslo" in text
    for words in ("Skriftlig forslag", "Melding", "Hva oppføringene betyr", "med egne ord"):
        assert words in text
    assert text.count("Godtatt") == 1
    assert text.count("Takket nei") == 1
    assert "Ikke besvart da oversikten ble laget" in text  # the third was answered only after the record
    assert record["code"] in text
    assert check_record_url().endswith("/check-record/")
    assert check_record_url() in text
    assert "Vedlegg: fingeravtrykk" in pages[-1]


def test_hashes_are_in_the_appendix_and_not_in_the_main_table(talks, ola):
    record = ola_record(ola)
    pages = pages_of(services.render_record_pdf(record=record, language="en"))
    appendix_at = next(i for i, page in enumerate(pages) if "Appendix: fingerprints" in page)
    main = "".join(pages[:appendix_at]).replace(" ", "")
    appendix = "".join(pages[appendix_at:]).replace(" ", "")
    for event in record["events"]:
        assert event["hash"] not in main
        assert event["hash"] in appendix
    assert record["record_hash"] in appendix
    assert "Sent a message to the other party" in "".join(pages)


def test_every_label_is_in_the_documents_language_even_for_a_record_made_in_another(talks, ola):
    record = ola_record(ola)  # made in bokmål: its summaries are bokmål
    text = "\n".join(pages_of(services.render_record_pdf(record=record, language="nn")))
    for words in ("Skriftleg forslag", "Svar frå den andre parten", "Kva oppføringane tyder", "Vedlegg: fingeravtrykk"):
        assert words in text
    assert "Sende ei melding til den andre parten" in text  # not the record's bokmål summary
    assert "Godteke" in text
    assert "Skriftlig forslag" not in text
    assert "Ikke besvart" not in text


def test_the_record_inside_the_pdf_is_unchanged_and_still_verifies(talks, ola):
    record = ola_record(ola)
    pdf = services.render_record_pdf(record=record, language="nn")
    assert attached_record(pdf) == record
    assert goodfaith.verify_record(attached_record(pdf)) == []


def test_the_setting_takes_the_same_queries_however_many_proposals(talks, ola, django_assert_max_num_queries):
    record = ola_record(ola)
    with django_assert_max_num_queries(3):
        setting = selectors.record_setting(record)
    assert setting.office == "Konfliktrådet i Oslo"
    assert sorted(setting.answers.values()) == ["accepted", "declined", "open"]


def test_a_journal_record_has_no_office_or_answers_and_names_a_mediation_offer_in_words(db):
    record = goodfaith.build_record(
        [
            goodfaith.RecordEvent(
                occurred_at=dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC),
                kind="journal_mediation_offer",
                summary="Tilbud om mekling",
                payload={"text": "Skal vi prøve mekling?"},
            )
        ],
        subject="Per Hansen",
        case_reference="",
    )
    assert selectors.record_setting(record) == RecordSetting()
    context = document_context(record)
    assert context["office"] == ""
    assert not context["shows_answers"]
    text = "\n".join(pages_of(goodfaith.render_record_pdf(record, "nb")))
    assert "Forsøk på å dempe konflikten" in text
    assert "Skal vi prøve mekling?" in text


def test_a_proposals_amount_and_the_tone_categories_read_in_the_documents_language():
    record = sample(1)
    record["events"][0]["payload"] = {"text": "Jeg betaler.", "amount": "2500.00", "instalments": 2}
    record["events"].append(
        {
            **record["events"][0],
            "sequence": 2,
            "kind": "message_sent",
            "payload": {"channel": "mediator", "tone": {"hostile": True, "categories": ["threat", "insult"]}},
        }
    )
    with_words = {row["sequence"]: row for row in _rows(record, "nn")}
    assert with_words[1]["amount"] == "2 500 kr i 2 avdrag."
    assert with_words[2]["details"] == "Sende ei melding til meklaren"
    assert "trugsmål, fornærming" in with_words[2]["tone"]


def _rows(record, language):
    from django.utils import translation

    with translation.override(language):
        rows = document_context(record)["rows"]
    return [{**row, "amount": row["amount"].replace("\xa0", " ")} for row in rows]
