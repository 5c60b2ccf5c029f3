"""What waits for people, on their pages: the party's notice, the yes-or-no consent and its receipt,
the mediator's agreements waiting for approval. axe-core on each, and a look at them."""

import pytest

from mekle.agreements import services as agreement_services
from mekle.dialogue import services as dialogue_services
from mekle.parties import services as party_services
from mekle.parties.models import Withdrawal
from mekle.parties.participants import Participant
from mekle.testing.agreements import draft, hold_meeting_with_agreement, sign_everyone
from mekle.testing.browser import local, open_link, shot
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

from .conftest import serious_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.usefixtures("tone", "contact_open")
def test_the_party_sees_what_waits_for_them(phone, alice, case, ola, kari):
    dialogue_services.make_proposal(
        actor=None, participant=Participant(ola), recipient=kari, kind="arrangement", text="Henting kl. 16."
    )
    for text in (CALM, "Hei igjen, Kari."):
        dialogue_services.send_message(
            actor=None, participant=Participant(ola), recipient=kari, text=text, language="nb"
        )
    open_link(phone, party_services.invite_to_portal(actor=alice, participant=Participant(kari), send_email=False).url)
    notice = phone.locator("main section[aria-labelledby=waiting-heading]")
    assert "Du har 1 forslag som venter på svar" in notice.inner_text()
    assert "2 nye meldinger" in notice.inner_text()
    shot(phone, "case-waiting-nb")
    assert serious_violations(phone) == []
    notice.get_by_role("link", name="2 nye meldinger").click()
    phone.wait_for_url("**/messages/")


def test_a_party_says_no_and_reads_what_happens_now(phone, alice, case, ola):
    open_link(phone, party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).url)
    phone.goto(local(f"/portal/cases/{case.reference}/consent/"))
    shot(phone, "consent-yes-or-no-nb")
    assert serious_violations(phone) == []
    phone.get_by_label("Nei, jeg vil ikke være med.").check()
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/consent/no/")
    assert "Svaret ditt er registrert" in phone.locator("main").inner_text()
    assert Withdrawal.objects.filter(party=ola).exists()
    shot(phone, "consent-declined-nb")
    assert serious_violations(phone) == []


def test_the_mediator_sees_the_agreements_waiting_for_approval(page, alice, mia, case):
    hold_meeting_with_agreement(alice, mia, case)
    version = agreement_services.send_for_signing(actor=mia, version=draft(mia, case))
    sign_everyone(mia, version)
    sign_in(page, "mia")
    page.goto("/workspace/")
    section = page.locator("main section[aria-labelledby=awaiting-approval-heading]")
    assert "klar for din godkjenning" in section.inner_text()
    shot(page, "mediator-home-awaiting-approval-nb")
    assert serious_violations(page) == []
    section.get_by_role("link").first.click()
    page.wait_for_url(f"**/agreement/versions/{version.number}/")
