"""`python -m bench.tone`: the tone check on the labelled test split, per language.

Reports the share of hostile messages flagged (recall), the share of acceptable messages flagged
(false-positive rate) and the time per message on one core, against the targets: recall >= 85 %,
false positives <= 10 %, < 20 ms a message. The test split was never used to tune the rules.
"""

from __future__ import annotations

import json
import os
from typing import Any

TARGET_RECALL, TARGET_FPR, TARGET_MS = 0.85, 0.10, 20.0


def run() -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mekle.settings")
    if hasattr(os, "sched_setaffinity"):  # one core, as the target is stated
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    import django

    django.setup()
    from django.conf import settings

    from mekle.dialogue.tone import check
    from mekle.dialogue.tone.dataset import evaluate, examples

    for lang in ("nb", "nn", "en"):  # load the lemma tables and the model once, outside the timing
        check("Takk for sist.", lang)
    figures = evaluate(examples("test"), lambda text, lang: check(text, lang).hostile)
    return {"model": settings.MEKLE_TONE_MODEL or "rules only", "languages": figures}


def report(result: dict[str, Any]) -> None:
    print(f"\nTone check on the test split ({result['model']})")
    print("| lang | hostile | recall | acceptable | false positives | ms/message | verdict |")
    print("|---|---|---|---|---|---|---|")
    for lang, s in sorted(result["languages"].items()):
        ok = s["recall"] >= TARGET_RECALL and s["false_positive_rate"] <= TARGET_FPR and s["ms_per_message"] < TARGET_MS
        print(
            f"| {lang} | {s['hostile']} | {s['recall']:.1%} | {s['acceptable']} | {s['false_positive_rate']:.1%} "
            f"| {s['ms_per_message']:.2f} | {'meets' if ok else 'misses'} |"
        )
    print(
        f"Targets: recall >= {TARGET_RECALL:.0%}, false positives <= {TARGET_FPR:.0%}, < {TARGET_MS:.0f} ms a message."
    )


if __name__ == "__main__":
    outcome = run()
    report(outcome)
    print(json.dumps(outcome))
