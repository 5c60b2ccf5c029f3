"""A caseworker takes one case from referral to closed through the real pages, in Norwegian."""

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from mekle.cases.models import Case, Status
from mekle.cases.selectors import verify_chain
from mekle.parties.participants import Participant

from .conftest import sign_in

pytestmark = pytest.mark.browser


def submit(page):
    page.locator("main form.mekle-form button[type=submit]:not([name])").click()
    page.wait_for_load_state()


def visit_each(page, href_pattern):
    hrefs = [a.get_attribute("href") for a in page.locator(f"main a[href$='{href_pattern}']").all()]
    assert hrefs, href_pattern
    return hrefs


def test_a_caseworker_takes_a_case_from_referral_to_closed(page, alice, mia):
    sign_in(page, "alice")
    assert page.locator("html").get_attribute("lang") == "nb"

    # 1. Register the referral with two parties.
    page.goto("/workspace/referrals/new/")
    page.check("input[name=case_type][value=civil]")
    page.select_option("#id_referrer_kind", "party")
    page.fill("#id_description", "Naboer krangler om en hekk.")
    page.fill("#id_party-0-full_name", "Ola Nordmann")
    page.fill("#id_party-0-phone", "40000000")
    page.fill("#id_party-1-full_name", "Kari Nordmann")
    page.fill("#id_party-1-phone", "41111111")
    submit(page)
    page.wait_for_url(re.compile(r"/workspace/cases/OSL-\d{4}-\d{5}/$"))
    case_url = page.url
    reference = case_url.rstrip("/").rsplit("/", 1)[-1]
    assert page.locator("h1").inner_text().endswith(reference)

    # 2. Assess suitability.
    page.locator("main a[href$='/assessment/']").first.click()
    for name, value in [
        ("facts_broadly_agreed", "yes"),
        ("safety_risk", "none_known"),
        ("power_imbalance", "no"),
        ("court_case_ongoing", "no"),
        ("capacity_to_take_part", "yes"),
        ("suitable", "yes"),
    ]:
        page.check(f"input[name={name}][value={value}]")
    page.fill("#id_reason", "Begge ønsker å møtes, og ingen sikkerhetsrisiko er kjent.")
    submit(page)
    page.wait_for_url(case_url)

    # 3. A meeting cannot be scheduled yet: the page says why, in Norwegian.
    page.goto(case_url + "meetings/new/")
    page.select_option("#id_meeting_type", "mediation")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page.fill("#id_date", tomorrow.isoformat())
    page.fill("#id_time", "10:00")
    page.fill("#id_location", "Møterom 2")
    page.fill("#id_street_address", "Storgata 1")
    page.fill("#id_postcode", "0155")
    page.fill("#id_post_town", "Oslo")
    submit(page)
    assert page.get_by_text("Ola Nordmann har ikke samtykket ennå.").is_visible()
    assert page.get_by_text("Kari Nordmann har ikke hatt forsamtale ennå.").is_visible()

    # 4. Consent and a preparatory talk with each party, and a mediator.
    page.goto(case_url)
    for href in visit_each(page, "/consent/"):
        page.goto(href)
        page.select_option("#id_method", "phone")
        submit(page)
    page.goto(case_url)
    for href in visit_each(page, "/preparation/"):
        page.goto(href)
        page.check("input[name=form][value=phone]")
        page.fill("#id_notes", "Ønsker en unnskyldning.")
        submit(page)
    page.goto(case_url + "mediators/assign/")
    page.select_option("#id_mediator", str(mia.pk))
    submit(page)

    # 5. Schedule the meeting for tomorrow.
    page.goto(case_url + "meetings/new/")
    page.select_option("#id_meeting_type", "mediation")
    page.fill("#id_date", tomorrow.isoformat())
    page.fill("#id_time", "10:00")
    page.fill("#id_location", "Møterom 2")
    page.fill("#id_street_address", "Storgata 1")
    page.fill("#id_postcode", "0155")
    page.fill("#id_post_town", "Oslo")
    submit(page)
    page.wait_for_url(case_url)
    assert Case.objects.get(reference=reference).status == Status.MEETING_SCHEDULED

    # 6. After the meeting: record that it ended in agreement; the case waits for the agreement.
    after_meeting = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(12, 0)))
    with time_machine.travel(after_meeting, tick=True):
        sign_in(page, "alice")  # yesterday's session ended (10 hours at most, 30 minutes idle)
        page.goto(case_url)
        page.locator("main a[href*='/result/']").click()
        page.check("input[name=result][value=agreement]")
        page.fill("#id_agreement_summary", "Kari beskjærer hekken innen 1. mai.")
        submit(page)
        page.wait_for_url(case_url)
        assert Case.objects.get(reference=reference).status == Status.MEETING_HELD

        # 7. Write the agreement, send it for signing, and record both parties' paper signatures.
        page.locator("main a[href$='/agreement/']").first.click()
        page.locator("main form[action$='/agreement/start/'] button").click()
        page.wait_for_url("**/agreement/versions/1/edit/")
        page.fill("#id_fulfilment_date", (tomorrow + dt.timedelta(days=30)).isoformat())
        page.select_option("#id_commitments-0-kind", "work")
        page.select_option("#id_commitments-0-party", label="Kari Nordmann")
        page.fill("#id_commitments-0-description", "Beskjærer hekken.")
        page.fill("#id_commitments-0-due_on", (tomorrow + dt.timedelta(days=20)).isoformat())
        submit(page)
        page.wait_for_url("**/agreement/versions/1/")
        page.locator("main a[href$='/send/']").click()  # the confirm page says who will be told
        page.locator("main form.mekle-form button[type=submit]").click()
        page.wait_for_url("**/agreement/versions/1/")
        for name in ("Ola Nordmann", "Kari Nordmann"):
            page.goto(case_url + "agreement/versions/1/signatures/new/")
            page.get_by_label(name, exact=True).check()
            page.check("#id_confirm")
            submit(page)
            page.wait_for_url("**/agreement/versions/1/")

        # 8. The mediator approves last; the case goes to follow-up, which the caseworker closes.
        sign_in(page, "mia")
        page.goto(case_url + "agreement/versions/1/approve/")
        page.check("#id_confirm")
        submit(page)
        page.wait_for_url(case_url)
        assert Case.objects.get(reference=reference).status == Status.IN_FOLLOW_UP

    # 9. On the fulfilment date the caseworker answers for the commitment and concludes.
    with time_machine.travel(after_meeting + dt.timedelta(days=31), tick=True):
        sign_in(page, "alice")
        page.goto(case_url)
        page.locator("main a[href$='/follow-up/commitments/']").first.click()
        page.locator("input[name$=kept][value=yes]").first.check()
        page.locator("main form[action*='/commitments/'] button[type=submit]").click()
        page.wait_for_load_state()
        page.locator("input[name$=choice][value=fulfilled]").check()
        page.locator("main form[action$='/conclusion/'] button[type=submit]").click()
        page.wait_for_url(case_url)

    assert page.get_by_text("Avsluttet: avtalen oppfylt").first.is_visible()
    assert page.get_by_text("Oppfølgingen er avsluttet").first.is_visible()
    case = Case.objects.get(reference=reference)
    assert case.status == Status.FULFILLED
    assert list(verify_chain(case)) == []


def test_withdrawal_from_the_case_page_closes_the_case(page, case):
    sign_in(page, "alice")
    page.goto(f"/workspace/cases/{case.reference}/")
    page.locator("main a[href$='/withdrawal/']").first.click()
    submit(page)  # without confirming: refused, nothing changes
    assert page.locator(".ds-error-summary").is_visible()
    page.check("#id_confirm")
    submit(page)
    page.wait_for_url(f"**/cases/{case.reference}/")
    assert page.get_by_text("Avsluttet: trukket").first.is_visible()


def test_the_mediator_finds_the_withdrawal_on_the_start_page_and_marks_it_seen(page, case, alice, mia):
    from mekle.parties import services as party_services

    from .conftest import serious_violations

    party_services.withdraw_consent(actor=alice, participant=Participant(case.parties.get(full_name="Kari Nordmann")))
    sign_in(page, "mia")
    page.goto("/workspace/")
    notices = page.locator("main .mekle-notices")
    assert "En part trakk seg" in notices.inner_text()
    assert case.reference in notices.inner_text()
    assert "Kari" not in notices.inner_text()
    shots = Path(__file__).resolve().parents[2] / "test-results" / "workspace"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "notice-nb.png"), full_page=True)
    assert serious_violations(page) == []
    notices.get_by_role("button", name="Marker som sett").click()
    page.wait_for_load_state()
    assert page.get_by_text("Markert som sett.").is_visible()
    assert page.locator("main .mekle-notices").count() == 0
