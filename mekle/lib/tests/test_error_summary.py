"""One error summary per page, at the top of the main content: links reach their fields (radio and
checkbox groups too), help text stays tied to the field, and the title says "Error:"."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from mekle.lib.error_summary import labelled
from mekle.portal.forms.self_referral import SelfReferralForm
from mekle.workspace.forms import ReferralForm

SELF_REFERRAL = reverse("portal:self_referral")


def _main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _summaries(html: str) -> list[str]:
    return re.findall(r'<div class="ds-error-summary[^"]*"[^>]*>.*?</div>', html, flags=re.S)


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def _links(summary: str) -> list[str]:
    return re.findall(r'href="#([^"]+)"', summary)


@pytest.mark.parametrize(
    ("language", "prefix"), [("nb", "<title>Feil: "), ("nn", "<title>Feil: "), ("en", "<title>Error: ")]
)
def test_a_form_sent_back_says_error_first_in_the_title(client, db, language, prefix):
    client.cookies["django_language"] = language
    html = client.post(SELF_REFERRAL, {}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert prefix in html
    assert html.count("Feil: ") + html.count("Error: ") == 1  # the title only, never twice


def test_a_form_not_sent_has_no_prefix_and_no_summary(client, db):
    html = client.get(SELF_REFERRAL, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "<title>Feil" not in html
    assert _summaries(html) == []


def test_the_one_summary_comes_first_in_the_main_content_and_can_take_the_focus(client, db):
    main = _main(client.post(SELF_REFERRAL, {}, HTTP_ACCEPT_LANGUAGE="nb").content.decode())
    [summary] = _summaries(main)
    assert main.split(">", 1)[1].lstrip().startswith('<div class="ds-error-summary')
    assert 'tabindex="-1"' in summary
    assert "data-error-summary" in summary


def test_every_link_reaches_an_input_including_the_radio_group(client, db):
    data = {"preferred_language": "", "full_name": "Ola"}
    html = client.post(SELF_REFERRAL, data, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    [summary] = _summaries(html)
    links = _links(summary)
    assert "id_preferred_language_0" in links
    ids = _ids(html)
    for target in links:
        assert target in ids
        assert re.search(rf'<(input|select|textarea)[^>]*\sid="{target}"', html), target


def test_the_help_text_stays_tied_to_the_field_with_the_error(client, db):
    html = client.post(SELF_REFERRAL, {"postcode": "12"}, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    [postcode] = re.findall(r'<input[^>]*name="postcode"[^>]*>', html)
    [described_by] = re.findall(r'aria-describedby="([^"]+)"', postcode)
    described = described_by.split()
    assert described == ["id_postcode_helptext", "id_postcode_error"]
    assert 'aria-invalid="true"' in postcode
    ids = _ids(html)
    assert {"id_postcode_helptext", "id_postcode_error"} <= ids


def test_a_radio_groups_fieldset_names_its_help_and_its_error(client, db):
    form = SelfReferralForm(data={})
    form.is_valid()
    html = str(form["preferred_language"].as_field_group())
    [fieldset] = re.findall(r"<fieldset[^>]*>", html)
    assert 'aria-describedby="id_preferred_language_error"' in fieldset


def test_the_messages_say_what_to_do(client, db):
    with translation.override("nb"):
        form = SelfReferralForm(data={"postcode": "12", "email": "nope"})
        form.is_valid()
        errors = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
    assert errors["full_name"] == ["Skriv inn navnet ditt."]
    assert errors["email"] == ["Skriv inn en e-postadresse som navn@eksempel.no."]
    assert errors["postcode"] == ["Skriv et postnummer med fire sifre, for eksempel 0150."]
    assert errors["preferred_language"] == ["Velg hvilket språk du vil at vi skal bruke."]
    html = SelfReferralForm(data={}).as_div()
    assert "Dette feltet må fylles ut" not in html
    with translation.override("nb"):
        empty = SelfReferralForm(data={})
        empty.is_valid()
        assert str(empty.errors["postcode"][0]) == "Skriv inn postnummeret ditt, fire sifre."


def test_dates_and_radios_get_words_of_their_own_too():
    with translation.override("nb"):
        form = ReferralForm(data={"received_on": "someday"})
        form.is_valid()
        assert str(form.errors["case_type"][0]) == "Velg sakstype."
        assert "for eksempel 17.05.2026" in str(form.errors["received_on"][0])


def test_the_summary_does_not_double_the_labels_punctuation():
    assert str(labelled("Hva handler konflikten om?", "Skriv litt.")) == "Hva handler konflikten om? Skriv litt."
    assert str(labelled("Ditt navn", "Skriv inn navnet ditt.")) == "Ditt navn: Skriv inn navnet ditt."
