"""`manage.py verify_record FILE.json` checks a good-faith record offline."""

import json

import pytest
from django.core.management import CommandError, call_command

from mekle.testing.goodfaith import sample


def write(tmp_path, record):
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_an_intact_record_verifies(tmp_path, capsys):
    record = sample()
    call_command("verify_record", write(tmp_path, record))
    assert f"Record {record['code']}: 4 events" in capsys.readouterr().out


def test_a_changed_event_fails_naming_the_first_bad_event(tmp_path):
    record = sample()
    record["events"][1]["occurred_at"] = "2020-01-01T00:00:00+00:00"
    with pytest.raises(CommandError, match=r"Event 2 \(proposal_made\): its content does not match"):
        call_command("verify_record", write(tmp_path, record))


def test_a_removed_event_fails(tmp_path):
    record = sample()
    del record["events"][0]
    with pytest.raises(CommandError, match="Event 1"):
        call_command("verify_record", write(tmp_path, record))


def test_a_file_that_is_not_json_fails_clearly(tmp_path):
    path = tmp_path / "record.json"
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("verify_record", str(path))
