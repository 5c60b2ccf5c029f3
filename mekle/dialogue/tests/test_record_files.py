"""Reading a record out of a handed-in file: the JSON, or Mekle's PDF with the JSON attached."""

import json

import pytest
from django.utils import translation

from mekle.agreements.documents import render_pdf
from mekle.dialogue import goodfaith, record_files
from mekle.dialogue.record_files import NotARecord, record_from_file
from mekle.testing.goodfaith import as_format_1, sample


def refusal(content):
    with translation.override("nb"), pytest.raises(NotARecord) as caught:
        record_from_file(content)
    return str(caught.value.message)


def test_the_json_file_reads_as_the_record():
    record = sample()
    assert record_from_file(json.dumps(record, ensure_ascii=False).encode()) == record
    old = as_format_1(sample())
    assert record_from_file(json.dumps(old).encode()) == old


def test_mekles_pdf_reads_as_the_record_attached_to_it():
    record = sample(2)
    assert record_from_file(goodfaith.render_record_pdf(record, "nb")) == record


def test_a_pdf_without_a_record_attached_is_refused_in_norwegian():
    plain = render_pdf("<p>Ikke en logg</p>")
    other = render_pdf("<p>Vedlegg</p>", attachments=[("notes.json", b'{"format": "x"}'), ("a.txt", b"{}")])
    for pdf in (plain, other):
        assert refusal(pdf) == (
            "PDF-en har ingen oversikt over egne bidrag vedlagt. Last opp PDF-en slik Mekle laget den, "
            "eller JSON-filen til oversikten."
        )


@pytest.mark.parametrize("content", [b"%PDF-1.7\n\x00\xff garbage", b"  %PDF-1.4\n1 0 obj << /Type /Catalog"])
def test_a_damaged_pdf_is_refused_clearly_not_with_an_error(content):
    assert refusal(content) == (
        "PDF-en kunne ikke leses. Last opp PDF-en slik Mekle laget den, eller JSON-filen til oversikten."
    )


@pytest.mark.parametrize("content", [b"", b"not json", b"\xff\xfe", b"null", b"[]", b'{"format": "x"}', b"[" * 100_000])
def test_what_is_neither_a_record_nor_its_pdf_is_refused(content):
    assert refusal(content) == "Filen er verken JSON-filen eller PDF-en til en oversikt over egne bidrag."


def test_a_file_larger_than_any_record_is_refused_unread(monkeypatch):
    monkeypatch.setattr(record_files, "MAX_RECORD_BYTES", 100)
    assert refusal(b" " * 101) == "Filen er for stor til å være en oversikt over egne bidrag."
