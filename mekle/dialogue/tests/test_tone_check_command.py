import io
import json
import logging

import pytest
from django.core.management import CommandError, call_command

LINES = [
    {"id": "a", "lang": "nb", "text": "Du er en idiot."},
    "this is not json",
    {"id": "c", "lang": "en", "text": "The police came by to return the bike."},
    {"id": "d", "lang": "nn", "text": 42},
    [1, 2],
    {"id": "f", "lang": "nn", "text": "SVAR PÅ TELEFONEN!!!"},
]


def run(monkeypatch, lines):
    stdin = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("tone_check", "--jsonl", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_line_out_per_line_in_in_order_and_bad_lines_give_errors(monkeypatch):
    rows = run(monkeypatch, LINES)

    assert [r["id"] for r in rows] == ["a", None, "c", "d", None, "f"]
    assert rows[0]["hostile"] is True
    assert rows[0]["categories"] == ["insult"]
    assert rows[0]["spans"] == [[9, 14, "insult"]]
    assert rows[1] == {"id": None, "error": "not valid JSON"}
    assert rows[2]["hostile"] is False
    assert rows[2]["spans"] == []
    assert rows[2]["suggestion"] == ""
    assert "error" in rows[3]
    assert "error" in rows[4]
    assert rows[5]["categories"] == ["shouting"]
    assert 0 <= rows[5]["score"] <= 1


def test_the_log_holds_scores_never_text(monkeypatch, caplog):
    with caplog.at_level(logging.INFO, logger="mekle.tone"):
        run(monkeypatch, [{"id": "a", "lang": "nb", "text": "Du er en idiot."}])

    record = caplog.records[-1]
    assert record.id == "a"
    assert record.lang == "nb"
    assert record.categories == ["insult"]
    assert "idiot" not in caplog.text
    assert all("idiot" not in str(v) for v in record.__dict__.values())


def test_a_few_hundred_lines_finish_quickly(monkeypatch):
    import time

    lines = [
        {"id": i, "lang": ("nb", "nn", "en")[i % 3], "text": "Du kommer alltid for sent, og det er barna som lider."}
        for i in range(300)
    ]
    started = time.perf_counter()
    rows = run(monkeypatch, lines)

    assert len(rows) == 300
    assert time.perf_counter() - started < 5


def test_the_format_must_be_named(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError):
        call_command("tone_check")
