"""A mediator's start page lists the agreements sent for signing in their cases, those signed by
everyone first (waiting for their approval), with links; in a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mekle.agreements import selectors, services
from mekle.testing.agreements import draft, hold_meeting_with_agreement, sign_everyone
from mekle.testing.cast import register

HOME = reverse("workspace:home")


def sent(alice, mediator, case):
    hold_meeting_with_agreement(alice, mediator, case)
    return services.send_for_signing(actor=mediator, version=draft(mediator, case))


def section(html):
    start = html.find('id="awaiting-approval-heading"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def test_the_mediator_sees_what_waits_for_signatures_and_for_approval(client, alice, mia, office_a, case):
    partly = sent(alice, mia, case)
    signed = sent(alice, mia, register(alice, office_a, "Per Hansen", mediator=mia))
    sign_everyone(mia, signed)
    client.force_login(mia)
    response = client.get(HOME)
    rows = response.context["awaiting_approval"]
    assert [(row.version, row.ready) for row in rows] == [(signed, True), (partly, False)]
    assert (rows[1].signed, rows[1].required) == (0, 2)
    html = section(response.content.decode())
    assert "Avtaler som venter på godkjenning" in html
    assert "signert av alle, klar for din godkjenning" in html
    assert "signert av 0 av 2" in html
    for version in (signed, partly):
        link = reverse("workspace:agreement_version", args=[version.agreement.case.reference, version.number])
        assert f'href="{link}"' in html


def test_not_listed_a_draft_another_mediators_case_or_a_decided_version(client, alice, mia, mats, office_a, case):
    hold_meeting_with_agreement(alice, mia, case)
    draft(mia, case)  # not sent yet
    sent(alice, mats, register(alice, office_a, "Per Hansen", mediator=mats))
    approved = sent(alice, mia, register(alice, office_a, "Eva Evensen", mediator=mia))
    sign_everyone(mia, approved)
    services.approve(actor=mia, version=approved)
    client.force_login(mia)
    response = client.get(HOME)
    assert response.context["awaiting_approval"] == []
    assert "Ingen avtaler venter på din godkjenning." in section(response.content.decode())


def test_a_replaced_version_is_not_listed_its_new_draft_is_not_either(alice, mia, case):
    version = sent(alice, mia, case)
    services.revise(actor=mia, version=version)
    assert selectors.awaiting_approval_for(mia) == []


def test_a_caseworker_sees_no_such_list(client, alice, mia, case):
    sent(alice, mia, case)
    client.force_login(alice)
    response = client.get(HOME)
    assert response.context["awaiting_approval"] is None
    assert section(response.content.decode()) == ""


def test_the_lists_queries_do_not_grow_with_the_agreements(client, alice, mia, office_a, case):
    sent(alice, mia, case)
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.awaiting_approval_for(mia)) == 1
    for name in ("Per Hansen", "Eva Evensen", "Nils Nilsen"):
        sign_everyone(mia, sent(alice, mia, register(alice, office_a, name, mediator=mia)))
    with CaptureQueriesContext(connection) as four:
        assert len(selectors.awaiting_approval_for(mia)) == 4
    assert len(one.captured_queries) == len(four.captured_queries) == 4
