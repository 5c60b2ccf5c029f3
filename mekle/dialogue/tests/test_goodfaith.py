"""The good-faith record: its format, its own hash chain, verification, and the PDF/A document."""

import copy
import io
import json

import pikepdf
import pytest
from django.utils import translation
from pypdf import PdfReader

from mekle.dialogue import goodfaith, selectors, services
from mekle.dialogue.models import GoodFaithRecord
from mekle.parties.participants import Participant
from mekle.testing.goodfaith import sample
from mekle.testing.tone import CALM, HOSTILE, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")

PDFA_ID = "{http://www.aiim.org/pdfa/ns/id/}"


def test_a_built_record_has_the_format_its_code_and_a_chain_that_verifies():
    record = sample()
    assert record["format"] == "mekle-goodfaith-record/1"
    assert len(record["code"]) == 14
    assert record["code"][4] == "-"
    assert [e["sequence"] for e in record["events"]] == [1, 2, 3, 4]
    assert record["events"][0]["prev_hash"] == ""
    assert record["events"][1]["prev_hash"] == record["events"][0]["hash"]
    assert goodfaith.verify_record(record) == []
    assert goodfaith.verify_record(json.loads(json.dumps(record))) == []


def test_each_hash_is_recomputable_offline_from_the_documented_fields():
    import hashlib

    record = sample(1)
    event = record["events"][0]
    fields = {k: event[k] for k in goodfaith.EVENT_FIELDS if k != "hash"}
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode()).hexdigest() == event["hash"]
    whole = json.dumps(record["events"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(whole.encode()).hexdigest() == record["record_hash"]


def changed(record):
    record["events"][1]["summary"] = "Something else"


def removed(record):
    del record["events"][1]


def reordered(record):
    record["events"][1], record["events"][2] = record["events"][2], record["events"][1]


def added(record):
    extra = copy.deepcopy(record["events"][-1])
    extra.update(sequence=5, prev_hash=extra["hash"])
    extra["hash"] = goodfaith.event_hash(extra)
    record["events"].append(extra)


def removed_last(record):
    record["events"].pop()


@pytest.mark.parametrize("tamper", [changed, removed, reordered, added, removed_last])
def test_a_changed_removed_reordered_or_added_event_fails_verification(tamper):
    record = sample()
    tamper(record)
    problems = goodfaith.verify_record(record)
    assert problems
    assert len(problems) == 1


def test_verification_names_the_first_bad_event():
    record = sample()
    record["events"][2]["payload"]["n"] = 99
    assert goodfaith.verify_record(record) == [
        "Event 3 (proposal_made): its content does not match its hash (it was changed)."
    ]


@pytest.mark.parametrize("bad", [None, [], {"format": "x"}, {"format": goodfaith.FORMAT, "events": "x"}])
def test_something_that_is_not_a_record_does_not_verify(bad):
    assert goodfaith.verify_record(bad)


def test_codes_are_typed_back_forgivingly():
    assert goodfaith.normalise_code("k7qd 3m9x 2rta") == "K7QD-3M9X-2RTA"
    assert goodfaith.normalise_code("K7QD-3M9X-2RTO") == "K7QD-3M9X-2RT0"


def pdf_text(pdf):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_record_is_a_readable_pdfa_with_the_json_inside(language):
    record = sample(2)
    pdf = goodfaith.render_record_pdf(record, language)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        metadata = document.open_metadata()
        assert (metadata[f"{PDFA_ID}part"], metadata[f"{PDFA_ID}conformance"]) == ("3", "B")
        attached = list(document.attachments.values())[0].get_file().read_bytes()
    assert json.loads(attached) == record
    text = pdf_text(pdf).replace("\n", "")
    assert record["code"] in text
    assert "Ola Nordmann" in text
    assert record["events"][0]["hash"] in text.replace(" ", "")


@pytest.fixture
def history(contact_open, alice, ola, kari):
    case = contact_open
    services.send_message(
        actor=None, participant=Participant(ola), recipient=kari, text=HOSTILE, language="nb", after_warning=True
    )
    services.send_message(actor=None, participant=Participant(ola), recipient=None, text=CALM, language="nb")
    services.send_message(actor=None, participant=Participant(kari), recipient=ola, text="KARIS ORD", language="nb")
    made = services.make_proposal(
        actor=None, participant=Participant(kari), recipient=ola, kind="arrangement", text="KARIS FORSLAG"
    )
    services.counter_proposal(
        actor=None, participant=Participant(ola), proposal=made, kind="arrangement", text="Olas motforslag"
    )
    return case


def test_a_partys_record_holds_their_own_acts_with_tone_results_and_never_the_flagged_words(history, ola):
    with translation.override("en"):
        row = services.make_goodfaith_record(actor=None, participant=Participant(ola), language="en")
    record = row.content
    assert goodfaith.verify_record(record) == []
    assert [e["kind"] for e in record["events"]] == [
        "consent_given",
        "message_sent",
        "message_sent",
        "proposal_made",
        "proposal_countered",
    ]
    hostile, to_mediator = record["events"][1], record["events"][2]
    assert hostile["payload"]["tone"]["hostile"] is True
    assert "insult" in hostile["payload"]["tone"]["categories"]
    assert to_mediator["summary"] == "Sent a message to the mediator"
    dumped = json.dumps(record, ensure_ascii=False)
    for absent in ("idiot", "KARIS ORD", "KARIS FORSLAG", CALM, "score"):
        assert absent not in dumped
    assert "Olas motforslag" in dumped
    case_hashes = set(history.events.values_list("hash", flat=True))
    assert {e["case_event_hash"] for e in record["events"]} <= case_hashes
    assert GoodFaithRecord.objects.get(code=record["code"]).record_hash == record["record_hash"]
    assert selectors.record_matches(record["code"], record["record_hash"])
    assert not selectors.record_matches(record["code"], "0" * 64)
    assert history.events.order_by("-sequence").first().kind == "goodfaith_record_made"


def test_a_record_lists_consent_and_kept_commitments_of_the_party_only(alice, mia, case, kari):
    from mekle.agreements.services import check_commitment
    from mekle.testing.agreement_rows import approved_version
    from mekle.testing.cast import make_ready

    make_ready(alice, case)
    version = approved_version(case, mediator=mia)
    first, *rest = version.commitments.filter(party=kari).order_by("position")
    check_commitment(actor=mia, commitment=first, kept=True)
    for other in rest:
        check_commitment(actor=mia, commitment=other, kept=False)
    with translation.override("en"):
        events = selectors.record_events_for(kari)
    assert [e.kind for e in events] == ["consent_given", "commitment_checked"]
    assert events[1].summary == f"Kept commitment {first.position} of the agreement"
