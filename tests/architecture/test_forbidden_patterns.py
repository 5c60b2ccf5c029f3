"""Zulip-style rules: patterns that must not appear outside the one place that owns them.

Each rule is tested against good and bad examples first, so a rule that stops matching fails
loudly instead of passing silently.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "mekle"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str
    applies_to: str  # a glob below mekle/
    allowed_in: tuple[str, ...] = ()
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()

    def matches(self, line: str) -> bool:
        return re.search(self.pattern, line) is not None

    def violations(self) -> list[str]:
        found = []
        for path in sorted(ROOT.glob(self.applies_to)):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or "/tests/" in relative or relative in self.allowed_in:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if self.matches(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
        return found


RULES = [
    Rule(
        name="a case's status changes only in cases/lifecycle.py",
        pattern=r"\bcase\.status\s*=[^=]|\.update\([^)]*\bstatus=",
        applies_to="**/*.py",
        allowed_in=("cases/lifecycle.py",),
        bad=("    case.status = Status.WITHDRAWN", "Case.objects.filter(pk=1).update(status='fulfilled')"),
        good=("    if case.status == Status.RECEIVED:", "meeting.status = MeetingStatus.HELD"),
    ),
    Rule(
        name="events are written only by cases.services.record_event",
        pattern=r"CaseEvent\.objects\.(create|bulk_create|update|get_or_create)|(?<!class )CaseEvent\(",
        applies_to="**/*.py",
        allowed_in=("cases/services.py",),
        bad=("CaseEvent.objects.create(case=case)", "event = CaseEvent(case=case)"),
        good=("CaseEvent.objects.filter(case=case)", "record_event(case=case, kind='x')"),
    ),
    Rule(
        name="doors fetch cases through access, never Case.objects.get",
        pattern=r"Case\.objects\.(get|filter|all)\(",
        applies_to="workspace/**/*.py",
        bad=("case = Case.objects.get(reference=reference)",),
        good=("case = get_case_for(request.user, reference)",),
    ),
    Rule(
        name="no HTTP in services, selectors, models or the lifecycle",
        pattern=r"^\s*(from|import)\s+(django\.http|django\.shortcuts|ninja)\b",
        applies_to="*/[sml]*.py",
        bad=("from django.http import Http404", "from django.shortcuts import get_object_or_404", "import ninja"),
        good=("from django.db import transaction", "from mekle.access.lookups import get_case_for"),
    ),
]
LAYERED_MODULES = {"services.py", "selectors.py", "models.py", "lifecycle.py", "rules.py"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_rule_catches_its_bad_examples_and_spares_the_good(rule):
    assert all(rule.matches(line) for line in rule.bad), rule.bad
    assert not any(rule.matches(line) for line in rule.good), rule.good


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_the_code_keeps_the_rule(rule):
    if rule.applies_to == "*/[sml]*.py":
        violations = [v for v in rule.violations() if Path(v.split(":")[0]).name in LAYERED_MODULES]
    else:
        violations = rule.violations()
    assert violations == []
