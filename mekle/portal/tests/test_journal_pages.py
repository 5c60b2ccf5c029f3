"""The cooperation journal's pages end to end: sign-up and sign-in, entries, proposals answered by
link, export, asking for mediation and deletion."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mekle.accounts.models import OfficeArea, Role, User
from mekle.cases.models import Case, CaseEvent, Status
from mekle.dialogue.goodfaith import verify_record
from mekle.journal import services
from mekle.journal.models import EntryKind, Journal, JournalEntry, JournalShare, Proposal
from mekle.journal.selectors import answer_token
from mekle.testing.journal import keeper


@pytest.fixture
def nora(db):
    return keeper()


@pytest.fixture
def journal(nora):
    return Journal.objects.get(owner=nora)


@pytest.fixture
def signed_in(client, nora):
    client.force_login(nora)
    return client


def link_in(body):
    match = re.search(r"http://\S+", body)
    assert match is not None
    return match.group(0).removeprefix("http://127.0.0.1:8000")


def write(nora, journal, *texts):
    return [services.add_entry(actor=nora, journal=journal, kind=EntryKind.MESSAGE, text=text) for text in texts]


def test_a_parent_signs_up_and_signs_in_with_the_emailed_link(
    client, db, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:journal_start"), {"full_name": "Nora Berg", "email": "nora@example.no"})
    assert response.url == reverse("portal:journal_link_sent")
    url = link_in(mailoutbox[0].body)
    page = client.get(url)
    assert page.status_code == 200
    assert "<h1" in page.content.decode()
    token = url.split("token=", 1)[1]
    assert client.post(url.split("?", 1)[0], {"token": token}).url == reverse("portal:journal_home")
    assert client.get(reverse("portal:journal_home")).status_code == 200
    client.logout()
    assert client.post(url.split("?", 1)[0], {"token": token}).status_code == 410  # works once


def test_asking_for_a_link_answers_the_same_for_known_and_unknown_addresses(client, nora, mailoutbox):
    url = reverse("portal:journal_request_link")
    known = client.post(url, {"email": "nora@example.no"})
    unknown = client.post(url, {"email": "nobody@example.no"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_the_sign_up_form_shows_an_error_summary_and_labels(client, db):
    response = client.post(reverse("portal:journal_start"), {"full_name": "", "email": "nope"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "ds-error-summary" in html
    assert html.count("<h1") == 1
    assert 'for="id_email"' in html


def test_the_journal_page_shows_the_owners_entries_newest_first(signed_in, nora, journal):
    write(nora, journal, "Første melding", "Andre melding")
    html = signed_in.get(reverse("portal:journal_home")).content.decode()
    assert html.count("<h1") == 1
    assert html.index("Andre melding") < html.index("Første melding")


def test_writing_a_message_adds_one_chained_entry(signed_in, journal):
    response = signed_in.post(
        reverse("portal:journal_add_entry", args=["message"]), {"text": "Kan vi bytte helg?", "action": "save"}
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(journal=journal)
    assert entry.kind == EntryKind.MESSAGE
    assert entry.content == {"text": "Kan vi bytte helg?"}


def test_the_tone_check_advises_and_saves_nothing(signed_in, journal):
    response = signed_in.post(
        reverse("portal:journal_add_entry", args=["message"]), {"text": "Du er helt umulig!", "action": "check"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="status"' in html
    assert "Du er helt umulig!" in html  # the draft stays in the form, for the writer to change or save
    assert not JournalEntry.objects.filter(journal=journal).exists()


def test_a_correction_keeps_the_original_entry(signed_in, nora, journal):
    write(nora, journal, "Møtet var tirsdag.")
    signed_in.post(reverse("portal:journal_correct_entry", args=[1]), {"text": "Det var onsdag.", "action": "save"})
    assert list(JournalEntry.objects.filter(journal=journal).values_list("kind", flat=True)) == [
        EntryKind.MESSAGE,
        EntryKind.CORRECTION,
    ]
    assert signed_in.get(reverse("portal:journal_correct_entry", args=[7])).status_code == 404


def test_an_unknown_kind_of_entry_is_not_found(signed_in):
    assert signed_in.get(reverse("portal:journal_add_entry", args=["answer"])).status_code == 404


def send_proposal(signed_in, mailoutbox, capture):
    with capture(execute=True):
        signed_in.post(
            reverse("portal:journal_propose"), {"text": "Henting fredag kl. 16?", "recipient_email": "per@example.no"}
        )
    return link_in(mailoutbox[-1].body)


def test_the_other_parent_answers_by_link_without_an_account_and_only_once(
    client, signed_in, nora, journal, mailoutbox, django_capture_on_commit_callbacks
):
    nora.email = "nora@example.no"
    url = send_proposal(signed_in, mailoutbox, django_capture_on_commit_callbacks)
    signed_in.logout()
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Henting fredag kl. 16?" in html
    assert "Nora Berg" in html
    assert "nora@example.no" not in html
    assert "per@example.no" not in html
    response = client.post(url, {"choice": "decline", "text": "Jeg jobber fredag."})
    assert response.status_code == 200
    answer = JournalEntry.objects.get(journal=journal, kind=EntryKind.ANSWER)
    assert answer.content == {"answers": 1, "choice": "decline", "text": "Jeg jobber fredag."}
    assert client.post(url, {"choice": "accept"}).status_code == 410
    assert JournalEntry.objects.filter(journal=journal, kind=EntryKind.ANSWER).count() == 1
    client.force_login(nora)
    assert "Jeg jobber fredag." in client.get(reverse("portal:journal_home")).content.decode()


def test_an_answer_link_opens_only_its_own_proposal(client, nora, journal):
    first = services.send_proposal(actor=nora, journal=journal, text="Forslag A", recipient_email="a@example.no")
    second = services.send_proposal(actor=nora, journal=journal, text="Forslag B", recipient_email="b@example.no")
    html = client.get(reverse("portal:journal_answer", args=[answer_token(second)])).content.decode()
    assert "Forslag B" in html
    assert "Forslag A" not in html
    tampered = answer_token(first)[:-2] + "xx"
    assert client.get(reverse("portal:journal_answer", args=[tampered])).status_code == 404
    client.post(reverse("portal:journal_answer", args=[answer_token(second)]), {"choice": "accept"})
    assert Proposal.objects.get(pk=first.pk).answered_at is None


def test_the_exported_json_is_a_good_faith_record_that_verifies(signed_in, nora, journal):
    write(nora, journal, "Én", "To")
    services.send_proposal(actor=nora, journal=journal, text="Tre", recipient_email="per@example.no")
    response = signed_in.get(reverse("portal:journal_export_json"))
    assert response["Content-Disposition"].startswith("attachment;")
    record = json.loads(response.content)
    assert verify_record(record) == []
    assert record["case"] == ""
    assert record["subject"] == "Nora Berg"
    assert [event["case_event_hash"] for event in record["events"]] == list(
        JournalEntry.objects.filter(journal=journal).order_by("sequence").values_list("hash", flat=True)
    )
    assert "per@example.no" not in response.content.decode()
    record["events"][0]["payload"]["text"] = "Endret"
    assert verify_record(record) != []


def test_the_exported_pdf_is_a_pdf(signed_in, nora, journal):
    write(nora, journal, "Én")
    response = signed_in.get(reverse("portal:journal_export_pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_deleting_is_one_confirmed_step_and_keeps_only_what_was_shared(signed_in, nora, journal, case):
    write(nora, journal, "Delt", "Ikke delt")
    services.share_with_case(journal=journal, case=case, sequences=[1])
    page = signed_in.get(reverse("portal:journal_delete")).content.decode()
    assert "archive rules" in page or "arkiv" in page
    assert signed_in.post(reverse("portal:journal_delete"), {}).status_code == 400
    response = signed_in.post(reverse("portal:journal_delete"), {"confirm": "on"})
    assert response.url == reverse("portal:journal_deleted")
    assert not User.objects.filter(pk=nora.pk).exists()
    assert not JournalEntry.objects.exists()
    assert [e["content"]["text"] for e in JournalShare.objects.get().entries] == ["Delt"]
    assert signed_in.get(reverse("portal:journal_home")).status_code == 302


@pytest.fixture
def areas(office_a):
    OfficeArea.objects.create(office=office_a, postcode_from="0001", postcode_to="1499")


MEDIATION = {
    "postcode": "0150",
    "description": "Vi klarer ikke å bli enige om henting og levering.",
    "other_name": "Per Berg",
    "other_email": "",
    "preferred_language": "nb",
    "understood": "on",
}


def test_the_mediation_page_says_it_is_not_family_mediation(signed_in):
    html = signed_in.get(reverse("portal:journal_ask_for_mediation")).content.decode()
    assert "meklingsattest" in html
    assert reverse("portal:help_family_mediation") in html
    assert html.count("<h1") == 1


def test_asking_for_mediation_opens_one_received_case_with_the_chosen_entries(
    signed_in, nora, journal, areas, django_capture_on_commit_callbacks
):
    entries = write(nora, journal, "Én", "To", "Tre")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            reverse("portal:journal_ask_for_mediation"), {**MEDIATION, "share": "chosen", "entries": ["1", "3"]}
        )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.status == Status.RECEIVED
    share = JournalShare.objects.get(case=case)
    assert [e["hash"] for e in share.entries] == [entries[0].hash, entries[2].hash]
    event = CaseEvent.objects.get(case=case, kind="journal_shared")
    assert event.payload["entries"] == [entries[0].hash, entries[2].hash]
    requester = case.parties.order_by("pk").first()
    assert requester is not None
    assert requester.full_name == "Nora Berg"
    assert requester.user is None or requester.user.role == Role.PARTY  # the portal account is separate


def test_asking_for_mediation_can_share_all_or_nothing(signed_in, nora, journal, areas):
    write(nora, journal, "Én", "To")
    signed_in.post(reverse("portal:journal_ask_for_mediation"), {**MEDIATION, "share": "none"})
    assert Case.objects.count() == 1
    assert not JournalShare.objects.exists()
    signed_in.post(
        reverse("portal:journal_ask_for_mediation"), {**MEDIATION, "description": "Noe annet.", "share": "all"}
    )
    assert Case.objects.count() == 2
    assert len(JournalShare.objects.get().entries) == 2


def test_asking_for_mediation_without_choosing_entries_or_the_notice_is_refused(signed_in, nora, journal, areas):
    write(nora, journal, "Én")
    response = signed_in.post(
        reverse("portal:journal_ask_for_mediation"), {**MEDIATION, "understood": "", "share": "chosen"}
    )
    assert response.status_code == 400
    assert "ds-error-summary" in response.content.decode()
    assert not Case.objects.exists()


def test_the_journal_page_queries_do_not_grow_with_entries(signed_in, nora, journal):
    def queries_with(count):
        JournalEntry.objects.filter(journal=journal).delete()
        write(nora, journal, *[f"Melding {n}" for n in range(count - 2)])
        proposal = services.send_proposal(actor=nora, journal=journal, text="Forslag", recipient_email="p@e.no")
        services.answer_proposal(proposal=proposal, choice="accept")
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(reverse("portal:journal_home")).status_code == 200
        return len(queries)

    few, many = queries_with(3), queries_with(30)
    # Not equal under a shared cache: the first view also fills it (the signed-in user), and the
    # second reads what the first kept. More entries must never cost more queries.
    assert many <= few <= 8


def test_the_public_page_confirms_an_exported_journal_record_until_the_journal_is_deleted(
    client, signed_in, nora, journal
):
    write(nora, journal, "Én")
    record = json.loads(signed_in.get(reverse("portal:journal_export_json")).content)
    check = {"by": "code", "code-code": record["code"], "code-fingerprint": record["record_hash"]}
    anonymous = Client()
    assert anonymous.post(reverse("portal:check_record"), check).context["result"] is True
    wrong = {**check, "code-fingerprint": "0" * 64}
    assert anonymous.post(reverse("portal:check_record"), wrong).context["result"] is False
    services.delete_journal(actor=nora)
    assert anonymous.post(reverse("portal:check_record"), check).context["result"] is False


def test_the_entries_to_share_are_a_fieldset_of_labelled_checkboxes(signed_in, nora, journal):
    write(nora, journal, "Én", "To", "Tre")
    html = signed_in.get(reverse("portal:journal_ask_for_mediation")).content.decode()
    fieldset = re.search(r'<fieldset class="ds-fieldset mekle-field" id="id_entries".*?</fieldset>', html, re.S)
    assert fieldset is not None
    block = fieldset.group(0)
    assert re.search(r"<legend[^>]*>\s*Notater du vil dele", block)
    boxes = re.findall(r'<input type="checkbox" name="entries" value="(\d+)"[^>]*id="(id_entries_\d+)"', block)
    assert [value for value, _id in boxes] == ["1", "2", "3"]
    for _value, box_id in boxes:
        assert f'<label class="ds-label" data-weight="regular" for="{box_id}">' in block
    # No box around the list: the old rendering put the whole list inside one 48 px text-input frame.
    assert 'id="id_entries" class="ds-input"' not in html
