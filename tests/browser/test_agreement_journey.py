"""After a meeting: the mediator drafts, two parties sign in the portal, the mediator approves, the PDF downloads."""

import datetime as dt

import pytest
from django.utils import timezone
from pypdf import PdfReader

from mekle.cases.models import Case, Status
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.agreements import hold_meeting_with_agreement
from mekle.testing.browser import open_link, shot

from .conftest import serious_violations, sign_in, switch_language

pytestmark = pytest.mark.browser


def test_mediator_drafts_parties_sign_in_the_portal_mediator_approves_and_the_pdf_downloads(
    page, phone, other_phone, alice, mia, case, ola, kari
):
    hold_meeting_with_agreement(alice, mia, case)
    sign_in(page, "mia")
    page.goto(f"/workspace/cases/{case.reference}/")
    page.locator("main form[action$='/agreement/start/'] button").click()
    page.wait_for_url("**/versions/1/edit/")
    page.fill("#id_introduction", "Vi har snakket om hekken og blitt enige.")
    page.fill("#id_fulfilment_date", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    page.select_option("#id_commitments-0-kind", "apology")
    page.select_option("#id_commitments-0-party", str(kari.pk))
    page.select_option("#id_commitments-0-beneficiary", str(ola.pk))
    page.fill("#id_commitments-0-description", "Kari ber Ola om unnskyldning for hekken.")
    page.fill("#id_commitments-0-due_on", (timezone.localdate() + dt.timedelta(days=7)).isoformat())
    shot(page, "agreement-edit-nb")
    assert serious_violations(page) == []
    page.locator("main form.mekle-form button[type=submit]:not([name])").click()
    page.wait_for_url("**/versions/1/")
    page.locator("main a[href$='/send/']").click()  # the confirm page says who will be told
    page.locator("main form.mekle-form button[type=submit]").click()
    page.wait_for_load_state()
    shot(page, "agreement-sent-nb")

    for device, party in ((phone, ola), (other_phone, kari)):
        link = party_services.invite_to_portal(actor=alice, participant=Participant(party), send_email=False)
        open_link(device, link.url)
        device.locator("main a[href$='/agreement/']").first.click()
        assert "Kari ber Ola om unnskyldning" in device.locator("main").inner_text()
        assert serious_violations(device) == []
        device.locator("main input[type=checkbox]").first.check()
        device.locator("main form button[type=submit]").click()
        device.wait_for_load_state()
    shot(phone, "agreement-signed-portal-nb")
    assert "Mekleren godkjenner avtalen når alle som skal signere, har signert." in phone.locator("main").inner_text()
    switch_language(phone, "en")
    phone.wait_for_load_state()
    assert "The mediator approves the agreement once everyone who must sign has signed." in (
        phone.locator("main").inner_text()
    )
    assert serious_violations(phone) == []
    shot(phone, "agreement-signed-portal-en")

    page.goto(f"/workspace/cases/{case.reference}/agreement/versions/1/")
    page.locator("main a[href$='/approve/']").click()
    page.locator("main input[type=checkbox]").first.check()
    page.locator("main form.mekle-form button[type=submit]").click()
    page.wait_for_load_state()
    assert Case.objects.get(pk=case.pk).status == Status.IN_FOLLOW_UP

    page.goto(f"/workspace/cases/{case.reference}/")
    shot(page, "case-in-follow-up-nb")
    link = page.locator("main a[href*='/follow-up/documents/']").first
    with page.expect_download() as download:
        link.click()
    pdf = PdfReader(download.value.path())
    text = "".join(p.extract_text() for p in pdf.pages)
    assert case.reference in text
    assert "Kari ber Ola om unnskyldning" in text
