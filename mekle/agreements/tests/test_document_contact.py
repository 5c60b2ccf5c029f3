"""The agreement says how to reach the office that has the case (and still no party's details)."""

import io

import pytest
from pypdf import PdfReader

from mekle.agreements import documents
from mekle.testing.agreement_rows import approved_version


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def version(case, mia, office_a):
    office_a.phone, office_a.email = "22 00 00 01", "oslo@konfliktradet.example.no"
    office_a.street_address, office_a.postcode, office_a.place = "Tollbugata 10", "0152", "Oslo"
    office_a.opening_hours = "Mandag–fredag 08.00–15.30"
    office_a.save()
    return approved_version(case, mediator=mia)


@pytest.mark.parametrize(("language", "phone"), [("nb", "Telefon"), ("nn", "Telefon"), ("en", "Phone")])
def test_the_agreement_shows_the_offices_contact_details(version, language, phone):
    text = text_of(documents.render_agreement(version, language))
    assert f"{phone}: 22 00 00 01" in text
    assert "oslo@konfliktradet.example.no" in text
    assert "Tollbugata 10, 0152 Oslo" in text
    assert "Mandag–fredag 08.00–15.30" in text


def test_the_offices_details_do_not_bring_the_parties_along(version, case):
    case.parties.update(address="Storgata 1, 0155 Oslo", phone="40000000", email="ola@example.no")
    text = text_of(documents.render_agreement(version, "en"))
    assert "22 00 00 01" in text
    assert "Storgata" not in text
    assert "40000000" not in text
    assert "ola@example.no" not in text


def test_the_contact_details_come_last_under_their_own_heading(version):
    text = text_of(documents.render_agreement(version, "en"))
    assert text.index("Contact us") > text.index("Integrity")
    assert text.index("22 00 00 01") > text.index("Contact us")
