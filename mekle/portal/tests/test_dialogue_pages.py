"""The party's messages, proposals and good-faith record pages, and the public record check."""

import io
import json

import pytest
from django.conf import settings
from django.urls import reverse

from mekle.dialogue import services
from mekle.dialogue.models import GoodFaithRecord, Message, Proposal
from mekle.parties.participants import Participant
from mekle.testing.tone import CALM, HOSTILE, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures(
    "tone", "contact_open"
)  # contact_open: ../tests/test_contact_pages.py has it closed


def url(name, case, *args):
    return reverse(f"portal:{name}", args=[case.reference, *args])


def test_the_case_page_links_to_messages_proposals_and_the_record(client, case, ola_user):
    client.force_login(ola_user)
    body = client.get(url("case", case)).content.decode()
    for name in ("messages", "proposals", "goodfaith_record"):
        assert url(name, case) in body


def test_a_calm_message_is_sent_at_once(client, case, ola_user, kari):
    client.force_login(ola_user)
    response = client.post(url("write_message", case), {"to": kari.pk, "text": CALM, "action": "check"})
    assert response.status_code == 302
    assert Message.objects.get().text == CALM


def test_a_hostile_message_shows_the_words_why_and_a_suggestion_and_stores_nothing(client, case, ola_user, kari):
    client.force_login(ola_user)
    response = client.post(url("write_message", case), {"to": kari.pk, "text": HOSTILE, "action": "check"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<mark" in body
    assert "idiot</mark>" in body
    assert "Send anyway" in body or "Send likevel" in body
    assert Message.objects.count() == 0
    before = case.events.count()
    client.post(url("write_message", case), {"to": kari.pk, "text": HOSTILE, "action": "edit"})
    assert case.events.count() == before
    assert Message.objects.count() == 0


def test_the_tone_warning_says_who_the_message_goes_to(client, case, ola_user, kari):
    client.force_login(ola_user)
    to_kari = client.post(url("write_message", case), {"to": kari.pk, "text": HOSTILE, "action": "check"})
    assert "Meldingen går til Kari Nordmann." in to_kari.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    to_staff = client.post(url("write_message", case), {"to": "mediator", "text": HOSTILE, "action": "check"})
    assert "Meldinga går til meklaren og kontoret i saka di." in to_staff.content.decode()
    assert Message.objects.count() == 0


def test_send_anyway_sends_and_remembers_the_warning(client, case, ola_user, kari):
    client.force_login(ola_user)
    client.post(url("write_message", case), {"to": kari.pk, "text": HOSTILE, "action": "send_anyway"})
    message = Message.objects.get()
    assert message.tone_hostile
    assert message.sent_after_warning


def test_an_empty_message_shows_the_error_summary(client, case, ola_user, kari):
    client.force_login(ola_user)
    response = client.post(url("write_message", case), {"to": kari.pk, "text": ""})
    assert response.status_code == 400
    assert "ds-error-summary" in response.content.decode()


def test_the_thread_shows_own_messages_marks_them_read_and_never_contact_details(
    client, case, ola, ola_user, kari, kari_user
):
    kari.email, kari.phone = "kari@example.no", "98765432"
    kari.save()
    services.send_message(actor=None, participant=Participant(ola), recipient=kari, text="Hei Kari", language="nb")
    client.force_login(kari_user)
    body = client.get(url("messages", case)).content.decode()
    assert "Hei Kari" in body
    assert body.count("<h1") == 1
    assert case.events.filter(kind="messages_read").count() == 1
    client.force_login(ola_user)
    body = client.get(url("messages", case)).content.decode()
    for secret in ("kari@example.no", "98765432"):
        assert secret not in body


def test_no_url_edits_or_deletes_a_sent_message(client, case, ola, ola_user, kari):
    message = services.send_message(actor=None, participant=Participant(ola), recipient=kari, text=CALM, language="nb")
    client.force_login(ola_user)
    for name in ("messages", "write_message"):
        client.post(url(name, case), {"text": "Endret", "id": message.pk, "action": "edit"})
    assert Message.objects.get(pk=message.pk).text == CALM
    patterns = [p.name for p in __import__("mekle.portal.dialogue_urls", fromlist=["x"]).urlpatterns]
    assert not any(("edit" in n or "delete" in n) for n in patterns)


@pytest.mark.parametrize("count", [3, 30])
def test_the_thread_page_needs_the_same_queries_for_3_or_30_messages(
    client, case, ola, kari, kari_user, django_assert_max_num_queries, count
):
    for n in range(count):
        services.send_message(
            actor=None, participant=Participant(ola), recipient=kari, text=f"Melding {n}", language="nb"
        )
    client.force_login(kari_user)
    client.get(url("messages", case))  # the first visit writes the read receipts
    with django_assert_max_num_queries(16):
        assert client.get(url("messages", case)).status_code == 200


def test_turning_messages_off_and_the_mediator_channel(client, case, ola_user, kari_user, kari):
    client.force_login(kari_user)
    client.post(url("message_setting", case), {"receives": "off"})
    client.force_login(ola_user)
    body = client.get(url("messages", case)).content.decode()
    assert "Kari Nordmann" not in body.split('id="write-heading"')[1].split("</section>")[0]
    client.force_login(kari_user)
    client.post(url("message_setting", case), {"receives": "on"})
    assert client.get(url("mediator_channel", case)).status_code == 200
    client.post(url("mediator_channel", case))
    assert case.thread.mediator_only


def test_a_proposal_is_made_countered_and_accepted_through_the_pages(client, case, ola_user, kari_user, ola, kari):
    client.force_login(ola_user)
    data = {"to": kari.pk, "kind": "arrangement", "text": "Jeg henter på fredager."}
    assert client.post(url("proposals", case), data).status_code == 302
    first = Proposal.objects.get()
    client.force_login(kari_user)
    assert "Jeg henter" in client.get(url("proposal", case, first.pk)).content.decode()
    counter = {"answer": "counter", "to": ola.pk, "kind": "arrangement", "text": "Lørdager heller."}
    assert client.post(url("answer_proposal", case, first.pk), counter).status_code == 302
    second = Proposal.objects.get(answers=first)
    client.force_login(ola_user)
    assert client.post(url("answer_proposal", case, second.pk), {"answer": "accept"}).status_code == 302
    second.refresh_from_db()
    assert second.status == "accepted"


def test_the_proposer_cannot_answer_their_own_proposal(client, case, ola_user, ola, kari):
    made = services.make_proposal(
        actor=None, participant=Participant(ola), recipient=kari, kind="arrangement", text="Forslag"
    )
    client.force_login(ola_user)
    assert client.post(url("answer_proposal", case, made.pk), {"answer": "accept"}).status_code == 400
    made.refresh_from_db()
    assert made.status == "open"


def made_record(client, case, user):
    client.force_login(user)
    assert client.post(url("goodfaith_record", case)).status_code == 302
    return GoodFaithRecord.objects.latest("created_at")


def test_a_party_makes_and_downloads_their_record(client, case, ola, ola_user, kari):
    services.send_message(actor=None, participant=Participant(ola), recipient=kari, text=CALM, language="nb")
    row = made_record(client, case, ola_user)
    pdf = client.get(url("goodfaith_record_download", case, row.code, "pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    data = json.loads(client.get(url("goodfaith_record_download", case, row.code, "json")).content)
    assert data["code"] == row.code
    assert data["subject"] == "Ola Nordmann"


def test_a_party_cannot_download_another_partys_record(client, case, ola_user, kari_user):
    row = made_record(client, case, ola_user)
    client.force_login(kari_user)
    assert client.get(url("goodfaith_record_download", case, row.code, "json")).status_code == 404


def check(client, **data):
    client.logout()
    return client.post(reverse("portal:check_record"), data)


def test_the_public_page_says_match_for_a_genuine_code_and_fingerprint_and_nothing_else(client, case, ola_user):
    row = made_record(client, case, ola_user)
    response = check(client, by="code", **{"code-code": row.code.lower(), "code-fingerprint": row.record_hash})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="check-result"' in body
    assert 'data-color="success"' in body
    for secret in (case.reference, "Ola", "Nordmann", "Kari"):
        assert secret not in body


def test_the_public_page_says_no_match_for_a_wrong_fingerprint_or_unknown_code(client, case, ola_user):
    row = made_record(client, case, ola_user)
    wrong = check(client, by="code", **{"code-code": row.code, "code-fingerprint": "0" * 64}).content.decode()
    unknown = check(client, by="code", **{"code-code": "AAAA-BBBB-CCCC", "code-fingerprint": "0" * 64})
    assert 'data-color="danger"' in wrong

    def result(body):
        return body.split('id="check-result"')[1].split("</div>")[0]

    assert result(wrong) == result(unknown.content.decode())


def upload(client, record):
    payload = io.BytesIO(json.dumps(record).encode())
    payload.name = "record.json"
    return check(client, by="file", **{"file-file": payload}).content.decode()


def test_the_public_page_checks_an_uploaded_json_and_refuses_a_changed_one(client, case, ola, ola_user, kari):
    services.send_message(actor=None, participant=Participant(ola), recipient=kari, text=CALM, language="nb")
    record = made_record(client, case, ola_user).content
    assert 'data-color="success"' in upload(client, record)
    record["events"][0]["summary"] = "Noe annet"
    assert 'data-color="danger"' in upload(client, record)
