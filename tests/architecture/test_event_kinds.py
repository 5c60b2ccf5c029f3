"""Event kinds are declared once, in their app's ``events.py``, and named everywhere else by the
declared ``EventKind``: never as a string literal, which would record (or look for) a kind nobody
declared, and which a typo turns into a silent miss.

Like the rules in test_forbidden_patterns.py, each pattern is tested against good and bad
examples first, so a pattern that stops matching fails loudly instead of passing silently.
"""

import re
from pathlib import Path

from mekle.cases.events import EVENT_KINDS

ROOT = Path(__file__).resolve().parents[2] / "mekle"

# A kind written as a string: passed to record_event or a filter (`kind="…"`), compared
# (`event.kind == "…"`), or listed in a filter or a test (`kind__in=["…", …]`, `kind in ("…", …)`).
KIND_LITERAL = re.compile(
    r"""\bkind\s*=\s*["']"""
    r"""|\.kind\s*[!=]=\s*["']"""
    r"""|["']\s*[!=]=\s*\w+\.kind\b"""
    r"""|\bkind__in\s*=\s*[\[({]\s*["']"""
    r"""|\bkind\s+(?:not\s+)?in\s+[\[({]\s*["']"""
)

BAD = (
    'record_event(case=case, kind="consent_given", actor=actor)',
    "record_event(case=case, kind='consent_given')",
    'if event.kind == "status_changed":',
    'if event.kind != "status_changed" or x:',
    'if "status_changed" == event.kind:',
    'CaseEvent.objects.filter(case=case, kind="status_changed")',
    'events.filter(kind__in=["agreement_approved", "commitment_checked"])',
    'elif kind in ("thread_paused", "thread_resumed"):',
)
GOOD = (
    "record_event(case=case, kind=parties_events.CONSENT_GIVEN, actor=actor)",
    "if event.kind == cases_events.STATUS_CHANGED.name:",
    "CaseEvent.objects.filter(case=case, kind=cases_events.STATUS_CHANGED.name)",
    "events.filter(kind__in=OUTCOME_KINDS)",
    "elif kind in (dialogue_events.THREAD_PAUSED.name, dialogue_events.THREAD_RESUMED.name):",
    "if kind in (ReferrerKind.POLICE, ReferrerKind.COURT):",
    'CommitmentInput(kind=CommitmentKind.APOLOGY, description="…")',
    'if scenario.referrer_kind == "police":',
    "Document.objects.filter(kind=DocumentKind.AGREEMENT)",
)


def test_the_pattern_catches_its_bad_examples_and_spares_the_good():
    assert all(KIND_LITERAL.search(line) for line in BAD), [line for line in BAD if not KIND_LITERAL.search(line)]
    assert not any(KIND_LITERAL.search(line) for line in GOOD), [line for line in GOOD if KIND_LITERAL.search(line)]


def _violations() -> list[str]:
    found = []
    for path in sorted(ROOT.glob("**/*.py")):
        relative = path.relative_to(ROOT).as_posix()
        test_code = "/tests/" in relative or relative.startswith("testing/")
        if "/migrations/" in relative or test_code or path.name == "events.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if KIND_LITERAL.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_event_kind_is_written_as_a_string_outside_events_py():
    assert _violations() == []


def test_no_second_conclude_follow_up_path_remains_in_cases():
    sources = "\n".join(path.read_text() for path in (ROOT / "cases").glob("**/*.py") if "/tests/" not in str(path))
    assert "def conclude_follow_up" not in sources


def test_every_kind_is_declared_in_an_events_module_with_a_payload_shape():
    # One test, not one per kind: which test modules have declared their own kinds by the time
    # this module is collected depends on the collection order.
    for kind in EVENT_KINDS.values():
        module = kind.payload.__module__
        test_kind = ".tests." in module or module.startswith("mekle.testing.")
        assert module.endswith(".events") or test_kind, (kind.name, module)
        assert kind.personal_fields <= kind.fields, kind.name
        assert kind.required_fields <= kind.fields, kind.name
