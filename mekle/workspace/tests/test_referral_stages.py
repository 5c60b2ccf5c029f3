"""The referral form in sections: guardians asked for only when a party may be under 18, one error
summary whose links reach their fields, and what was typed kept when a party is added."""

import datetime as dt
import re

from django.utils import timezone

from .test_referral import URL, party, referral

ADULT = (timezone.localdate() - dt.timedelta(days=365 * 40)).isoformat()
MINOR = (timezone.localdate() - dt.timedelta(days=365 * 15)).isoformat()


def _guardians(html, index):
    match = re.search(rf'<details[^>]*data-birth-date="id_party-{index}-date_of_birth"[^>]*>', html)
    return match.group(0) if match else None


def test_a_new_form_keeps_the_guardians_closed_until_a_date_of_birth_says_more(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    details = _guardians(html, 0)
    assert details is not None
    assert " open" not in details
    assert 'name="party-0-guardian_name"' in html


def test_an_adult_gets_no_guardian_fields(client, alice):
    client.force_login(alice)
    data = referral(**party(0, date_of_birth=ADULT), description="")
    html = client.post(URL, data).content.decode()
    assert _guardians(html, 0) is None
    assert 'name="party-0-guardian_name"' not in html
    assert _guardians(html, 1) is not None  # no date of birth: it may still be needed, closed


def test_a_minor_without_guardian_opens_the_section_with_the_error_linked(client, alice):
    client.force_login(alice)
    html = client.post(URL, referral(**party(0, date_of_birth=MINOR))).content.decode()
    assert " open" in _guardians(html, 0)
    summaries = re.findall(r'<div class="ds-error-summary.*?</div>', html, flags=re.S)
    assert len(summaries) == 1
    assert 'href="#id_party-0-guardian_name"' in summaries[0]
    assert 'id="id_party-0-guardian_name"' in html


def test_one_summary_for_the_case_and_the_parties_with_the_case_type_radio_linked(client, alice):
    client.force_login(alice)
    data = referral(case_type="", **{k: "" for k in party(0) if not k.endswith(("role", "language"))})
    html = client.post(URL, data).content.decode()
    assert html.count("data-error-summary") == 1
    assert "<title>Feil: " in html or "<title>Error: " in html
    [summary] = re.findall(r"data-error-summary.*?</div>", html, flags=re.S)
    links = re.findall(r'href="#([^"]+)"', summary)
    assert "id_case_type_0" in links
    assert "Part 1, Fullt navn: Skriv inn det fulle navnet til parten." in summary
    for target in links:
        assert f'id="{target}"' in html


def test_adding_a_party_keeps_what_was_typed(client, alice):
    client.force_login(alice)
    data = referral(**party(0, date_of_birth=MINOR, guardian_name="Mor Hansen"), add_party="1")
    html = client.post(URL, data).content.decode()
    assert 'value="Mor Hansen"' in html
    assert 'name="party-2-full_name"' in html
    assert "data-error-summary" not in html


def test_the_referrer_must_be_chosen_not_preset(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert re.search(r'<option value="" selected>', html)


def test_every_field_of_the_forms_is_on_the_page():
    from mekle.workspace.forms import PartyForm, ReferralForm

    party = PartyForm()
    shown = {f.name for _legend, fields in party.sections() for f in fields} | {f.name for f in party.guardian_fields()}
    assert shown == set(party.fields)
    referral_form = ReferralForm()
    assert {f.name for _legend, fields in referral_form.sections() for f in fields} == set(referral_form.fields)
