"""Two parents on their phones: a proposal and a counter-proposal, a message the tone check warns
about and that is rewritten, and a good-faith record exported and checked on the public page.
axe-core scans every new page."""

import json

import pytest
from playwright.sync_api import Page

from mekle.dialogue.models import Message, Proposal
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.browser import open_link, shot

from .conftest import PHONE, new_page, serious_violations, watched_context

pytestmark = pytest.mark.browser

HOSTILE = "Du er en idiot, og du hører aldri etter!"
CALM = "Jeg ble lei meg i går. Kan vi snakke om hentingen på søndag?"


def no_violations(page: Page, name: str) -> None:
    shot(page, f"dialogue-{name}")
    assert serious_violations(page) == [], name


def test_two_parents_propose_counter_rewrite_a_message_and_check_a_record(
    phone, other_phone, browser, live_server, alice, contact_open, ola, kari
):
    case = contact_open
    open_link(phone, party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).url)
    open_link(
        other_phone, party_services.invite_to_portal(actor=alice, participant=Participant(kari), send_email=False).url
    )
    reference = case.reference

    # Ola proposes a new pick-up arrangement.
    phone.goto(f"/portal/cases/{reference}/proposals/")
    no_violations(phone, "proposals")
    phone.locator("input[name=kind][value=arrangement]").check()
    phone.fill("#id_text", "Jeg henter barna på fredager kl. 16 ved skolen.")
    phone.locator("main form.mekle-form button[type=submit]").click()
    phone.wait_for_url(f"**/{reference}/proposals/")
    first = Proposal.objects.get()

    # Kari answers with a counter-proposal.
    other_phone.goto(f"/portal/cases/{reference}/proposals/{first.pk}/")
    no_violations(other_phone, "proposal")
    other_phone.locator("input[name=answer][value=counter]").check()  # the answer first: then only its form
    counter_form = other_phone.locator("form", has=other_phone.locator("button[value=counter]"))
    counter_form.locator("input[name=kind][value=arrangement]").check()
    counter_form.locator("textarea[name=text]").fill("Fredager kl. 17 passer bedre for meg.")
    counter_form.locator("button[value=counter]").click()
    other_phone.wait_for_url(f"**/{reference}/proposals/")
    counter = Proposal.objects.get(answers=first)
    assert counter.recipient == ola

    # Ola writes in anger; the tone check shows why and suggests; Ola edits and sends calmly.
    phone.goto(f"/portal/cases/{reference}/messages/")
    no_violations(phone, "thread")
    phone.locator(f"input[name=to][value='{kari.pk}']").check()
    phone.fill("#id_text", HOSTILE)
    phone.locator("button[name=action][value=check]").click()
    phone.wait_for_selector("mark")
    assert "idiot" in phone.locator("mark").first.inner_text()
    no_violations(phone, "preview")
    assert Message.objects.count() == 0
    phone.locator("button[name=action][value=edit]").click()
    no_violations(phone, "edit")
    phone.locator(f"input[name=to][value='{kari.pk}']").check()
    phone.fill("#id_text", CALM)
    phone.locator("button[name=action][value=check]").click()
    phone.wait_for_url(f"**/{reference}/messages/")
    assert Message.objects.get().text == CALM
    other_phone.goto(f"/portal/cases/{reference}/messages/")
    assert CALM in other_phone.locator("main").inner_text()

    # Ola exports a record and a caseworker at child welfare checks it on the public page.
    phone.goto(f"/portal/cases/{reference}/good-faith-record/")
    no_violations(phone, "record")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"**/{reference}/good-faith-record/")
    with phone.expect_download() as download_info:
        phone.locator("a[href$='.json']").first.click()
    path = download_info.value.path()
    record = json.loads(path.read_text(encoding="utf-8"))
    assert [e["kind"] for e in record["events"]] == ["consent_given", "proposal_made", "message_sent"]
    assert "idiot" not in json.dumps(record, ensure_ascii=False)

    with watched_context(browser, base_url=live_server.url, viewport=PHONE, locale="nb-NO") as context:
        public = new_page(context)
        public.goto("/check-record/")
        no_violations(public, "check-record")
        public.fill("#id_code-code", record["code"])
        public.fill("#id_code-fingerprint", record["record_hash"])
        public.locator("main button[type=submit]").first.click()
        public.wait_for_selector("#check-result")
        assert public.locator("#check-result").get_attribute("data-color") == "success"
        assert "Ola" not in public.locator("main").inner_text()
        no_violations(public, "check-result")
        public.set_input_files("#id_file-file", path)
        public.locator("main button[type=submit]").nth(1).click()
        public.wait_for_selector("#check-result")
        assert public.locator("#check-result").get_attribute("data-color") == "success"
