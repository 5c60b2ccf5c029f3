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
from mekle.testing.goodfaith import EVERY_FIELD, as_format_1, changed, rehashed, sample
from mekle.testing.tone import CALM, HOSTILE, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")

PDFA_ID = "{http://www.aiim.org/pdfa/ns/id/}"


def test_a_built_record_has_the_format_its_code_and_a_chain_that_verifies():
    record = sample()
    assert record["format"] == "mekle-goodfaith-record/2"
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
    everything_else = {k: v for k, v in record.items() if k != "record_hash"}
    assert set(everything_else) == {"format", "code", "subject", "case", "generated_at", "events"}
    whole = json.dumps(everything_else, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(whole.encode()).hexdigest() == record["record_hash"]


def changed_summary(record):
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


@pytest.mark.parametrize("tamper", [changed_summary, removed, reordered, added, removed_last])
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
        "events[2] (event 3, proposal_made): its content does not match its hash (one of its fields was changed)."
    ]


@pytest.mark.parametrize("field", EVERY_FIELD)
def test_changing_any_field_of_the_record_or_of_an_event_fails_verification(field):
    record = sample()
    changed(record, field)
    problems = goodfaith.verify_record(record)
    assert len(problems) == 1
    assert problems[0].startswith(("events[2]", "record_hash:"))


@pytest.mark.parametrize(
    ("field", "path"),
    [
        ("subject", "record_hash"),
        ("case", "record_hash"),
        ("generated_at", "record_hash"),
        ("code", "record_hash"),
        ("events", "record_hash"),
        ("sequence", "events[2].sequence"),
        ("prev_hash", "events[2].prev_hash"),
        ("hash", "events[2] (event 3, proposal_made)"),
        ("summary", "events[2] (event 3, proposal_made)"),
    ],
)
def test_verification_names_where_the_hashes_break(field, path):
    record = sample()
    changed(record, field)
    assert goodfaith.verify_record(record)[0].startswith(f"{path}:")


@pytest.mark.parametrize(
    ("tamper", "path"),
    [
        (lambda r: r.pop("subject"), "subject: missing."),
        (lambda r: r.update(extra=1), "extra: not a field of a good-faith record."),
        (lambda r: r.update(subject=None), "subject: not a text."),
        (lambda r: r.update(events={}), "events: not a list of events."),
        (lambda r: r.update(record_hash=1), "record_hash: not a text."),
        (lambda r: r["events"].append("x"), "events[4]: not a record event."),
        (lambda r: r["events"][1].pop("kind"), "events[1].kind: missing."),
        (lambda r: r["events"][1].update(sequence="2"), "events[1].sequence: not a whole number."),
        (lambda r: r["events"][1].update(sequence=True), "events[1].sequence: not a whole number."),
        (lambda r: r["events"][1].update(payload=[]), "events[1].payload: not an object."),
    ],
)
def test_a_record_of_the_wrong_shape_is_named_by_its_first_wrong_field(tamper, path):
    record = sample()
    tamper(record)
    assert goodfaith.verify_record(record) == [path]


def test_a_relabelled_record_with_every_hash_recomputed_still_verifies_offline_so_only_a_copy_can_tell():
    original = sample()
    forged = rehashed(copy.deepcopy(original) | {"subject": "Kari Nordmann"})
    assert goodfaith.verify_record(forged) == []
    assert forged["record_hash"] != original["record_hash"]
    assert goodfaith.first_difference(forged, original) == "subject"


@pytest.mark.parametrize("field", EVERY_FIELD)
def test_the_first_difference_from_the_original_is_named_by_its_path(field):
    original = sample()
    record = copy.deepcopy(original)
    path = changed(record, field)
    expected = {"events": "events[3]", "payload": "events[2].payload.text"}.get(field, path)
    assert goodfaith.first_difference(record, original) == expected


def test_the_first_difference_is_the_first_a_reader_meets_and_looks_inside_payloads():
    original = sample()
    record = copy.deepcopy(original)
    record["events"][1]["payload"]["text"] = "Endret"
    record["events"][3]["summary"] = "Endret"
    record["record_hash"] = "0" * 64
    assert goodfaith.first_difference(record, original) == "events[1].payload.text"
    assert goodfaith.first_difference(original, copy.deepcopy(original)) == ""
    assert goodfaith.first_difference(original | {"extra": 1}, original) == "extra"
    assert goodfaith.first_difference({**original, "events": original["events"] + [{}]}, original) == "events[4]"
    assert goodfaith.first_difference([], original) == "(the whole file)"
    one = copy.deepcopy(original)
    one["events"][0]["sequence"] = True  # equal to 1 in Python, not in JSON
    assert goodfaith.first_difference(one, original) == "events[0].sequence"


def test_a_record_of_format_1_still_verifies_its_events_but_its_hash_leaves_out_the_name():
    record = as_format_1(sample())
    assert goodfaith.verify_record(record) == []
    assert not goodfaith.covers_everything(record)
    record["subject"] = "Kari Nordmann"
    assert goodfaith.verify_record(record) == []
    record["events"].pop()
    assert goodfaith.verify_record(record)[0].startswith("record_hash: does not match the list of events")


@pytest.mark.parametrize("bad", [None, [], {"format": "x"}, {"format": goodfaith.FORMAT, "events": "x"}])
def test_something_that_is_not_a_record_does_not_verify(bad):
    assert goodfaith.verify_record(bad)


def test_a_payload_nested_too_deeply_to_hash_again_does_not_verify_and_raises_nothing(monkeypatch):
    record = sample(1)
    record["events"][0]["payload"] = {"deep": json.loads("[" * 50 + "]" * 50)}

    def too_deep(value):
        raise RecursionError

    monkeypatch.setattr(goodfaith, "canonical_json", too_deep)
    assert goodfaith.verify_record(record) == ["The record is nested too deeply to be a good-faith record."]


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


def test_mekle_remembers_each_distinct_pdf_it_renders_by_its_digest_only(db):
    import hashlib

    from mekle.dialogue.models import RecordPdf

    record = sample(2)
    pdf = services.render_record_pdf(record=record, language="nb")
    assert services.render_record_pdf(record=record, language="nb") == pdf  # the same PDF: one row
    row = RecordPdf.objects.get()
    assert (row.code, row.sha256) == (record["code"], hashlib.sha256(pdf).hexdigest())
    assert selectors.pdf_made_by_mekle(row.sha256)
    assert not selectors.pdf_made_by_mekle(hashlib.sha256(pdf + b"%").hexdigest())
    assert str(row) == f"{record['code']} {row.sha256[:12]}"
