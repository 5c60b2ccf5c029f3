"""`manage.py verify_record FILE` checks a good-faith record (JSON or Mekle's PDF), naming the first field that differs."""

import copy
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from mekle.dialogue import goodfaith, selectors
from mekle.dialogue.models import GoodFaithRecord
from mekle.testing.goodfaith import EVERY_FIELD, as_format_1, changed, rehashed, sample

pytestmark = pytest.mark.django_db


def write(tmp_path, record, name="record.json"):
    path = tmp_path / name
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def kept(ola):
    """A record Mekle made and kept for Ola (the copy the command compares with)."""
    record = sample()
    GoodFaithRecord.objects.create(
        code=record["code"], party=ola, record_hash=record["record_hash"], content=record, created_at=ola.created_at
    )
    return record


def test_an_intact_record_verifies(tmp_path, capsys):
    record = sample()
    call_command("verify_record", write(tmp_path, record))
    assert f"Record {record['code']}: 4 events; every field matches record_hash." in capsys.readouterr().out


def test_mekles_pdf_verifies_from_the_record_attached_to_it(tmp_path, capsys):
    record = sample(2)
    path = tmp_path / "record.pdf"
    path.write_bytes(goodfaith.render_record_pdf(record, "nb"))
    call_command("verify_record", str(path))
    assert f"Record {record['code']}: 2 events" in capsys.readouterr().out


@pytest.mark.parametrize("field", EVERY_FIELD)
def test_a_change_to_any_field_does_not_match_offline(tmp_path, field):
    record = sample()
    changed(record, field)
    with pytest.raises(CommandError, match=f"Record {record['code']} does not match: "):
        call_command("verify_record", write(tmp_path, record), "--offline")


@pytest.mark.parametrize("field", EVERY_FIELD)
def test_against_mekles_copy_the_first_field_that_differs_is_named_even_with_every_hash_recomputed(
    tmp_path, kept, field
):
    record = copy.deepcopy(kept)
    path = changed(record, field)
    if field in ("code", "format", "prev_hash", "hash", "record_hash", "sequence"):
        expected = "does not match: "  # caught by the hashes themselves, or no copy under another code
    else:
        rehashed(record)
        expected = {"events": "events[3]", "payload": "events[2].payload.text"}.get(field, path)
        expected = re.escape(f"does not match: {expected} differs from the copy Mekle kept.")
    with pytest.raises(CommandError, match=expected):
        call_command("verify_record", write(tmp_path, record))


def test_the_first_bad_event_is_named_offline(tmp_path):
    record = sample()
    record["events"][1]["occurred_at"] = "2020-01-01T00:00:00+00:00"
    with pytest.raises(CommandError, match=r"events\[1\] \(event 2, proposal_made\): its content does not match"):
        call_command("verify_record", write(tmp_path, record))


def test_a_relabelled_record_is_named_by_its_field(tmp_path):
    record = sample()
    record["subject"] = "Kari Nordmann"
    with pytest.raises(CommandError, match="record_hash: does not match the record: its code, subject, case"):
        call_command("verify_record", write(tmp_path, record))


def test_the_genuine_record_matches_mekles_copy_field_by_field(tmp_path, kept, capsys):
    call_command("verify_record", write(tmp_path, kept))
    assert "matches the copy Mekle kept, field by field" in capsys.readouterr().out


def test_against_mekles_copy_a_pdf_must_be_one_mekle_rendered(tmp_path, kept, capsys):
    from mekle.dialogue import services

    path = tmp_path / "record.pdf"
    path.write_bytes(services.render_record_pdf(record=kept, language="nb"))
    call_command("verify_record", str(path))
    assert "matches the copy Mekle kept" in capsys.readouterr().out
    path.write_bytes(path.read_bytes() + b"\n% edited\n")
    with pytest.raises(CommandError, match="Mekle did not render this PDF"):
        call_command("verify_record", str(path))


def test_a_record_of_format_1_verifies_only_against_mekles_copy(tmp_path, kept, capsys):
    old = as_format_1(copy.deepcopy(kept))
    GoodFaithRecord.objects.filter(code=old["code"]).update(content=old, record_hash=old["record_hash"])
    call_command("verify_record", write(tmp_path, old))
    assert "matches the copy Mekle kept" in capsys.readouterr().out
    relabelled = old | {"subject": "Kari Nordmann"}
    assert goodfaith.verify_record(relabelled) == []  # format 1's hash leaves the name out
    with pytest.raises(CommandError, match="subject differs from the copy Mekle kept"):
        call_command("verify_record", write(tmp_path, relabelled))
    with pytest.raises(CommandError, match=r"cannot be verified in full: its format \(mekle-goodfaith-record/1\)"):
        call_command("verify_record", write(tmp_path, old), "--offline")


def test_without_a_database_the_command_checks_the_hashes_only(tmp_path, kept, monkeypatch, capsys):
    def no_database(code):
        raise DatabaseError("no such table")

    monkeypatch.setattr(selectors, "stored_record", no_database)
    call_command("verify_record", write(tmp_path, kept))
    assert "every field matches record_hash" in capsys.readouterr().out


def test_a_removed_event_fails(tmp_path):
    record = sample()
    del record["events"][0]
    with pytest.raises(CommandError, match=r"events\[0\]"):
        call_command("verify_record", write(tmp_path, record))


@pytest.mark.parametrize("content", ["not json", '{"format": "x"}'])
def test_a_file_that_is_not_a_record_fails_clearly(tmp_path, content):
    path = tmp_path / "record.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match="Cannot read .*record.json: "):
        call_command("verify_record", str(path))


def test_a_missing_file_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("verify_record", str(tmp_path / "absent.json"))
