"""The doors ask `mekle.access.rules` for every permission, never a feature app's own rules.

`lint-imports` enforces it (the contract "Doors ask access for every permission" in
pyproject.toml). These tests read the same thing from the source, so the rule fails in pytest too,
and check that the contract still names every feature app's rules module and every door: a new
`rules.py` or a new door is barred the moment it exists, not when someone remembers the list.
"""

import ast
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOORS = ("mekle.workspace", "mekle.portal", "mekle.api")
CONTRACT_NAME = "Doors ask access for every permission, never a feature app's rules"


def contracts() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
        "contracts"
    ]
    return found


def contract() -> dict[str, Any]:
    (found,) = [c for c in contracts() if c["name"] == CONTRACT_NAME]
    return found


def feature_rules_modules() -> set[str]:
    """Every `mekle.<app>.rules` but access's own, the one the doors ask."""
    return {f"mekle.{path.parent.name}.rules" for path in (ROOT / "mekle").glob("*/rules.py")} - {"mekle.access.rules"}


def exemptions() -> set[tuple[str, str]]:
    """The contract's `ignore_imports`, as (importer, imported) pairs."""
    pairs = set()
    for line in contract().get("ignore_imports", []):
        importer, imported = line.split("->")
        pairs.add((importer.strip(), imported.strip()))
    return pairs


def imported_modules(source: str, package: str) -> set[str]:
    """The Mekle modules `source` imports, given the package it sits in (for relative imports);
    `from x import y` counts as `x` and as `x.y`, since y may be a submodule (`from mekle.dialogue import rules`)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("mekle.")}


def forbidden_imports(source: str, module: str, package: str, forbidden: set[str]) -> set[str]:
    imported = imported_modules(source, package)
    return {name for name in imported if name in forbidden and (module, name) not in exemptions()}


def door_modules() -> dict[str, tuple[str, Path]]:
    """Every module of every door (its tests included), by name: the package it sits in, its file."""
    modules = {}
    for door in DOORS:
        for path in sorted((ROOT / Path(*door.split("."))).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                modules[".".join(parts[:-1])] = (".".join(parts[:-1]), path)
            else:
                modules[".".join(parts)] = (".".join(parts[:-1]), path)
    return modules


BAD = [
    "from mekle.dialogue import rules",
    "from mekle.dialogue import rules as dialogue_rules",
    "from mekle.agreements.rules import can_draft",
    "import mekle.notices.rules",
    "from mekle.journal import models, rules",
    "from ...dialogue import rules",
]
GOOD = [
    "from mekle.access import rules",
    "from mekle.access.rules import can_draft_agreement",
    "from mekle.dialogue import selectors, services",
    "from .views import rules_page",
    "from ..panels import rules_note",
    "from mekle.agreements.models import AgreementVersion",
]


EXAMPLE = "mekle.workspace.views.example"


@pytest.mark.parametrize("line", BAD)
def test_a_door_importing_a_feature_apps_rules_is_caught(line):
    assert forbidden_imports(line, EXAMPLE, "mekle.workspace.views", feature_rules_modules()), line


@pytest.mark.parametrize("line", GOOD)
def test_a_door_asking_access_is_spared(line):
    assert not forbidden_imports(line, EXAMPLE, "mekle.workspace.views", feature_rules_modules()), line


def test_no_door_imports_a_feature_apps_rules():
    forbidden = feature_rules_modules()
    found = {
        f"{module}: {name}"
        for module, (package, path) in door_modules().items()
        for name in forbidden_imports(path.read_text(), module, package, forbidden)
    }
    assert found == set()


def test_the_contract_bars_every_door_from_every_feature_apps_rules():
    barred = contract()
    assert barred["type"] == "forbidden"
    assert set(barred["source_modules"]) == set(DOORS)
    assert set(barred["forbidden_modules"]) == feature_rules_modules()
    assert "mekle.access.rules" not in barred["forbidden_modules"]
    # A door reaches the feature rules through access.rules and services; only its own imports count.
    assert barred["allow_indirect_imports"] is True


def test_the_doors_are_the_top_layer():
    layers = next(c for c in contracts() if c["type"] == "layers" and "containers" not in c)["layers"]
    assert set(DOORS) <= {name.strip() for name in layers[0].split("|")}


def test_each_exemption_is_one_door_module_importing_one_rule_that_is_not_a_permission():
    # Each is named in pyproject.toml with why it is no permission (what makes a referral valid,
    # which the staff form places field by field), and goes when the door no longer imports it.
    assert ("mekle.workspace.forms", "mekle.parties.rules") in exemptions()
    modules = door_modules()
    for importer, imported in exemptions():
        package, path = modules[importer]
        assert imported in feature_rules_modules()
        assert imported in imported_modules(path.read_text(), package)  # an exemption nobody needs goes
