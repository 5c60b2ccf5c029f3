"""A criminal case through the real pages: the offender's portal shows direct messages closed; the
person harmed opts in on their own page; both exchange a message; the person harmed withdraws;
both see the thread closed; the mediator writes to the offender, who answers. axe-core on each page,
screenshots in bokmål and English."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from mekle.cases.models import CaseType, ReferrerKind, Status
from mekle.dialogue.models import Channel, Message
from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.browser import open_link, shot
from mekle.testing.cast import adult, open_direct_contact

from .conftest import serious_violations, sign_in, switch_language

pytestmark = pytest.mark.browser

FIRST = "Hei. Jeg vil gjerne si unnskyld for det som skjedde med sykkelen din."
ANSWER = "Takk for at du skriver. Jeg vil gjerne høre hva du tenker å gjøre."
FROM_MEDIATOR = "Hei Emil. Meklingen er avsluttet. Har du spørsmål, kan du skrive til meg her."
OFFENDERS_QUESTION = "Takk. Får jeg beskjed om hva som skjer videre med saken hos politiet?"


def scanned(page: Page, name: str) -> None:
    shot(page, f"safe-contact-{name}")
    assert serious_violations(page) == [], name


@pytest.fixture
def criminal_case(alice, mia, office_a):
    case = party_services.register_referral(
        actor=alice,
        office=office_a,
        case_type=CaseType.CRIMINAL_MEDIATION,
        referrer_kind=ReferrerKind.POLICE,
        referrer_reference="POL-777",
        referrer_decision_date=timezone.localdate() - dt.timedelta(days=3),
        parties=[adult("Vera Vik", "victim"), adult("Emil Eng", "offender")],
    )
    mediator_services.assign_mediator(actor=alice, case=case, mediator=mia)
    return open_direct_contact(case, alice)


def test_direct_contact_opens_only_when_the_person_harmed_chooses_and_closes_on_withdrawal(
    phone, other_phone, page, alice, criminal_case
):
    case, reference = criminal_case, criminal_case.reference
    victim, offender = case.parties.get(role="victim"), case.parties.get(role="offender")
    open_link(
        phone, party_services.invite_to_portal(actor=alice, participant=Participant(offender), send_email=False).url
    )
    open_link(
        other_phone, party_services.invite_to_portal(actor=alice, participant=Participant(victim), send_email=False).url
    )
    messages = f"/portal/cases/{reference}/messages/"

    # The offender can write only to the staff: the page says what direct messages wait for.
    phone.goto(messages)
    scanned(phone, "offender-closed-nb")
    text = phone.locator("main").inner_text()
    assert "bare hvis den fornærmede selv velger det" in text
    assert phone.locator(f"input[name=to][value='{victim.pk}']").count() == 0
    assert phone.locator("input[name=choice]").count() == 0  # the choice is not the offender's

    # The person harmed opts in on their own page (in English), keeping flagged messages for the office.
    other_phone.goto(messages)
    switch_language(other_phone, "en")
    scanned(other_phone, "victim-choice-en")
    assert "open only if you choose them" in other_phone.locator("main .mekle-channels").inner_text()
    other_phone.locator("input[name=choice][value=yes]").check()
    assert other_phone.locator("input[name=hold_flagged]").is_checked()
    other_phone.locator("form[action$='/direct-contact/'] button[type=submit]").click()
    other_phone.wait_for_url(f"**{messages}")
    assert "You have chosen direct messages" in other_phone.locator("main").inner_text()

    # Both exchange a message.
    phone.goto(messages)
    phone.locator(f"input[name=to][value='{victim.pk}']").check()
    phone.fill("#id_text", FIRST)
    phone.locator("button[name=action][value=check]").click()
    phone.wait_for_url(f"**{messages}")
    other_phone.goto(messages)
    assert FIRST in other_phone.locator("main").inner_text()
    other_phone.locator(f"input[name=to][value='{offender.pk}']").check()
    other_phone.fill("#id_text", ANSWER)
    other_phone.locator("button[name=action][value=check]").click()
    other_phone.wait_for_url(f"**{messages}")
    phone.goto(messages)
    assert ANSWER in phone.locator("main").inner_text()
    scanned(phone, "offender-open-nb")

    # The person harmed withdraws; both see direct messages closed, and nobody is named.
    other_phone.goto(f"/portal/cases/{reference}/withdraw/")
    other_phone.locator("main form button[type=submit]").click()
    other_phone.wait_for_url("**/withdrawn/")
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    for person, language in ((phone, "nb"), (other_phone, "en")):
        person.goto(messages)
        text = person.locator("main").inner_text()
        closed = "Direkte meldinger er ikke åpne i denne saken." if language == "nb" else "not open in this case"
        assert closed in text
        assert person.locator("input[name=to][value='mediator']").count() == 1  # the staff still answer
        assert (
            person.locator(f"input[name=to][value='{victim.pk}'], input[name=to][value='{offender.pk}']").count() == 0
        )
    assert "Vera" not in phone.locator("main .mekle-channels").inner_text()
    scanned(phone, "offender-closed-after-withdrawal-nb")

    # The mediator writes to the offender, who answers; the person harmed never sees either.
    sign_in(page, "mia")
    page.goto(f"/workspace/cases/{reference}/messages/")
    scanned(page, "mediator-thread-nb")
    page.locator(f"input[name=to][value='{offender.pk}']").check()
    page.fill("#id_text", FROM_MEDIATOR)
    page.locator("form[action$='/messages/write/'] button[type=submit]").click()
    page.wait_for_url(f"**/workspace/cases/{reference}/messages/")
    phone.goto(messages)
    assert FROM_MEDIATOR in phone.locator("main").inner_text()
    phone.locator("input[name=to][value='mediator']").check()
    phone.fill("#id_text", OFFENDERS_QUESTION)
    phone.locator("button[name=action][value=check]").click()
    phone.wait_for_url(f"**{messages}")
    page.goto(f"/workspace/cases/{reference}/messages/")
    assert OFFENDERS_QUESTION in page.locator("main").inner_text()
    other_phone.goto(messages)
    for unseen in (FROM_MEDIATOR, OFFENDERS_QUESTION):
        assert unseen not in other_phone.locator("main").inner_text()
    assert Message.objects.filter(case=case, channel=Channel.MEDIATOR).count() == 2
