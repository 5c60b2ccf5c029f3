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
    applies_to: tuple[str, ...]  # globs below mekle/
    allowed_in: tuple[str, ...] = ()
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()

    def matches(self, line: str) -> bool:
        return re.search(self.pattern, line) is not None

    def violations(self) -> list[str]:
        found = []
        paths = sorted({path for glob in self.applies_to for path in ROOT.glob(glob)})
        for path in paths:
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or "/tests/" in relative or relative.startswith("testing/"):
                continue  # tests and their builders set up worlds the rules keep production code out of
            if relative in self.allowed_in:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if self.matches(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
        return found


RULES = [
    Rule(
        name="a case's status changes only in cases/lifecycle.py",
        pattern=r"\bcase\.status\s*=[^=]|\.update\([^)]*\bstatus=",
        applies_to=("**/*.py",),
        allowed_in=("cases/lifecycle.py",),
        bad=("    case.status = Status.WITHDRAWN", "Case.objects.filter(pk=1).update(status='fulfilled')"),
        good=("    if case.status == Status.RECEIVED:", "meeting.status = MeetingStatus.HELD"),
    ),
    Rule(
        name="events are written only by cases.services.record_event",
        pattern=r"CaseEvent\.objects\.(create|bulk_create|update|get_or_create)|(?<!class )CaseEvent\(",
        applies_to=("**/*.py",),
        allowed_in=("cases/services.py",),
        bad=("CaseEvent.objects.create(case=case)", "event = CaseEvent(case=case)"),
        good=("CaseEvent.objects.filter(case=case)", "record_event(case=case, kind='x')"),
    ),
    Rule(
        name="doors fetch through access, never a model's manager",
        pattern=r"\b\w+\.objects\.",
        applies_to=("workspace/**/*.py", "portal/**/*.py", "api/**/*.py"),
        # The portal's session middleware resolves who is signed in, before any view (and access) runs.
        allowed_in=("portal/middleware.py",),
        bad=(
            "case = Case.objects.get(reference=reference)",
            "parties = {p.pk: p for p in Party.objects.filter(case=case)}",
            "    link = SignInLink.objects.select_related('user').filter(pk=link_id).first()",
        ),
        good=("case = get_case_for(request.user, reference)", "parties = parties_for(case)", "case.parties.all()"),
    ),
    Rule(
        name="no HTTP in services, selectors, models or the lifecycle",
        pattern=r"^\s*(from|import)\s+(django\.http|django\.shortcuts|ninja)\b",
        applies_to=("*/[sml]*.py", "**/services/*.py", "**/selectors/*.py"),
        bad=("from django.http import Http404", "from django.shortcuts import get_object_or_404", "import ninja"),
        good=("from django.db import transaction", "from mekle.access.lookups import get_case_for"),
    ),
    Rule(
        name="the parties, journal, dialogue and lib apps name no door's URL: the door hands its paths to their links.py",
        pattern=r"""reverse(_lazy)?\(\s*f?["'](portal|workspace):""",
        applies_to=("parties/**/*.py", "journal/**/*.py", "dialogue/**/*.py", "lib/**/*.py"),
        bad=('path = reverse("portal:sign_in", kwargs={"invitation_id": 1})', "reverse('workspace:home')"),
        good=("path = _portal().sign_in(invitation.pk)", 'reverse("login")'),
    ),
    Rule(
        name="no inline script, style or event handler in a page: the Content-Security-Policy refuses them",
        pattern=r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\shx-on[:-]|\son[a-z]+=[\"']|javascript:",
        applies_to=("**/templates/**/*.html", "**/jinja2/**/*.html", "**/*.py"),
        # The PDF documents are rendered by WeasyPrint on the server, never sent to a browser as a page.
        allowed_in=(
            "agreements/templates/agreements/documents/base.html",
            "dialogue/templates/dialogue/documents/goodfaith_record.html",
            # The HTML part of an e-mail is read in a mail client, never served as a page; mail
            # clients keep only inline styles. It has no script.
            "templates/email/base.html",
        ),
        bad=(
            "<script>document.title = 'x'</script>",
            '<script type="module">',
            "  <style>",
            '<p style="color: red">',
            '<button hx-on:click="alert(1)">',
            '<form onsubmit="return false">',
            '<a href="javascript:void(0)">',
        ),
        good=(
            "<script src=\"{% static 'vendor/htmx/htmx.min.js' %}\" defer></script>",
            '<link rel="stylesheet" href="mekle.css">',
            '<p class="mekle-note">',
            '<meta name="htmx-config" content=\'{"allowEval": false}\'>',
        ),
    ),
]
LAYERED_MODULES = {"services.py", "selectors.py", "models.py", "lifecycle.py", "rules.py"}
LAYERED_PACKAGES = {"services", "selectors"}


def is_layered(relative: str) -> bool:
    path = Path(relative)
    return path.name in LAYERED_MODULES or path.parent.name in LAYERED_PACKAGES


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_rule_catches_its_bad_examples_and_spares_the_good(rule):
    assert all(rule.matches(line) for line in rule.bad), rule.bad
    assert not any(rule.matches(line) for line in rule.good), rule.good


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_the_code_keeps_the_rule(rule):
    if rule.name.startswith("no HTTP"):
        violations = [v for v in rule.violations() if is_layered(v.split(":")[0])]
    else:
        violations = rule.violations()
    assert violations == []


def test_the_no_http_rule_reads_every_services_package():
    rule = next(r for r in RULES if r.name.startswith("no HTTP"))
    paths = {p.relative_to(ROOT).as_posix() for glob in rule.applies_to for p in ROOT.glob(glob)}
    assert "parties/services/portal.py" in paths
    assert "referrals/services/api_referrals.py" in paths
    assert is_layered("parties/services/portal.py")
    assert not is_layered("workspace/views/actions.py")


def test_the_door_rule_reads_both_doors_and_the_api():
    rule = next(r for r in RULES if r.name.startswith("doors fetch"))
    paths = {p.relative_to(ROOT).as_posix() for glob in rule.applies_to for p in ROOT.glob(glob)}
    assert {"workspace/views/actions.py", "portal/views/journal.py", "portal/panels.py"} <= paths
    assert any(path.startswith("api/") for path in paths)
