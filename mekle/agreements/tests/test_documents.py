"""The signed agreement and the outcome report as PDF/A, in bokmål, nynorsk and English."""

import io
from decimal import Decimal

import pikepdf
import pytest
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader

from mekle.agreements import documents
from mekle.testing.agreement_rows import approved_version
from mekle.testing.pdf import accessibility_of

PDFA_ID = "{http://www.aiim.org/pdfa/ns/id/}"


@pytest.fixture
def version(case, mia):
    return approved_version(case, mediator=mia)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdfa_claim(pdf: bytes) -> tuple[str, str]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        metadata = document.open_metadata()
        return metadata[f"{PDFA_ID}part"], metadata[f"{PDFA_ID}conformance"]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_agreement_is_pdfa_with_the_reference_hash_and_commitments(version, case, language):
    pdf = documents.render_agreement(version, language)
    assert pdfa_claim(pdf) == ("3", "B")
    text = text_of(pdf)
    assert case.reference in text
    assert version.content_hash in text.replace("\n", "")
    assert "Ber om unnskyldning skriftlig" in text
    assert "Ola Nordmann" in text
    assert "Mia Lund" in text


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_document_is_written_in_the_parties_language(version, language):
    with translation.override(language):
        html = render_to_string(
            "agreements/documents/agreement.html", {**documents.agreement_context(version), "language": language}
        )
    assert f'<html lang="{language}">' in html
    expected = {"nb": "Oppfyllelsesdato", "nn": "Oppfyllingsdato", "en": "Fulfilment date"}[language]
    assert expected in text_of(documents.render_agreement(version, language))


def test_the_english_agreement_reads_as_a_public_document(version):
    text = text_of(documents.render_agreement(version, "en"))
    for heading in ("Agreement", "Fulfilment date", "Signatures", "Approval", "Page 1 of 2", "Page 2 of 2"):
        assert heading in text
    assert "In the portal" in text
    assert "On paper" in text


def test_addresses_and_contact_details_are_left_out(version, case):
    case.parties.update(address="Storgata 1, 0155 Oslo", phone="40000000", email="ola@example.no")
    text = text_of(documents.render_agreement(version, "en"))
    assert "Storgata" not in text
    assert "40000000" not in text
    assert "ola@example.no" not in text


def test_fonts_are_embedded(version):
    with pikepdf.open(io.BytesIO(documents.render_agreement(version, "nb"))) as pdf:
        fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
        assert fonts
        for font in fonts:
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant.FontDescriptor


def test_the_outcome_report_carries_the_signed_agreement(minor_case, mia):
    version = approved_version(minor_case, mediator=mia)
    pdf = documents.render_outcome_report(version, documents.Outcome.APPROVED)
    assert pdfa_claim(pdf) == ("3", "B")
    assert minor_case.reference in text_of(pdf)
    assert "POL-123" in text_of(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        (name,) = document.attachments.keys()
        attached = document.attachments[name].get_file().read_bytes()
    assert version.content_hash in text_of(attached).replace("\n", "")


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_agreement_is_tagged_and_says_its_language_and_is_still_pdfa(version, language):
    pdf = documents.render_agreement(version, language)
    found = accessibility_of(pdf)
    assert found.tagged
    assert found.lang == language
    assert {"/H1", "/P"} <= found.kinds
    assert pdfa_claim(pdf) == ("3", "B")


def test_the_outcome_report_is_tagged_in_its_language(minor_case, mia):
    version = approved_version(minor_case, mediator=mia)
    outcome = accessibility_of(documents.render_outcome_report(version, documents.Outcome.APPROVED))
    assert outcome.tagged
    assert outcome.lang == "nb"


def test_a_payment_reads_in_the_documents_money_format(case, mia):
    version = approved_version(case, mediator=mia)
    commitment = version.commitments.all()[0]
    commitment.kind, commitment.amount, commitment.instalments = "payment", Decimal("2500.00"), 2
    commitment.beneficiary = case.parties.exclude(pk=commitment.party_id).first()
    commitment.save()
    assert "2 500 kr" in text_of(documents.render_agreement(version, "nb")).replace("\xa0", " ")
    assert "NOK 2,500" in text_of(documents.render_agreement(version, "en")).replace("\xa0", " ")
