"""The labelled messages in data/labelled.jsonl, and the figures the benchmark and tests report."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LABELLED = Path(__file__).resolve().parent / "data" / "labelled.jsonl"


@dataclass(frozen=True)
class Example:
    id: str
    lang: str
    text: str
    hostile: bool
    categories: list[str]
    split: str


def examples(split: str | None = None, path: Path = LABELLED) -> list[Example]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Example(**row) for row in rows if split is None or row["split"] == split]


def evaluate(items: Iterable[Example], is_hostile: Callable[[str, str], bool]) -> dict[str, dict[str, Any]]:
    """Per language: recall on hostile messages, false-positive rate on acceptable ones, ms per message."""
    by_lang: dict[str, dict[str, Any]] = {}
    for item in items:
        started = time.perf_counter()
        flagged = is_hostile(item.text, item.lang)
        elapsed = time.perf_counter() - started
        stats = by_lang.setdefault(
            item.lang,
            {
                "hostile": 0,
                "caught": 0,
                "acceptable": 0,
                "flagged": 0,
                "seconds": 0.0,
                "missed": [],
                "false_positives": [],
            },
        )
        stats["seconds"] += elapsed
        if item.hostile:
            stats["hostile"] += 1
            stats["caught"] += flagged
            if not flagged:
                stats["missed"].append(item.id)
        else:
            stats["acceptable"] += 1
            stats["flagged"] += flagged
            if flagged:
                stats["false_positives"].append(item.id)
    for stats in by_lang.values():
        count = stats["hostile"] + stats["acceptable"]
        stats["recall"] = stats["caught"] / stats["hostile"] if stats["hostile"] else 1.0
        stats["false_positive_rate"] = stats["flagged"] / stats["acceptable"] if stats["acceptable"] else 0.0
        stats["ms_per_message"] = 1000 * stats.pop("seconds") / count if count else 0.0
    return by_lang
