"""No fixed secret key: a random one kept in var/secret_key, and production must bring its own."""

import multiprocessing
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from mekle.lib.checks import check_secret_key_from_environment
from mekle.lib.keys import local_secret_key

PRODUCTION_WITHOUT_KEY = {
    "DEBUG": False,
    "DATABASE_URL": "postgres://mekle@db/mekle",
    "MEKLE_SECRET_KEY_FROM_ENVIRONMENT": False,
}
REPO = Path(settings.BASE_DIR)


def test_a_key_is_written_once_readable_by_the_owner_only(tmp_path):
    path = tmp_path / "not-yet" / "secret_key"
    key = local_secret_key(path)
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert local_secret_key(path) == key
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # no draft left behind


def test_an_existing_key_is_kept(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("kept-key\n")
    assert local_secret_key(path) == "kept-key"


def test_an_empty_key_file_is_refused(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("")
    with pytest.raises(ImproperlyConfigured, match="empty"):
        local_secret_key(path)


def test_who_loses_the_race_to_write_takes_the_winners_key(tmp_path, monkeypatch):
    path = tmp_path / "secret_key"
    real_link = os.link

    def another_process_was_first(source, target):
        Path(target).write_text("the-winners-key\n")
        real_link(source, target)

    monkeypatch.setattr(os, "link", another_process_was_first)
    assert local_secret_key(path) == "the-winners-key"
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


def _start(path, barrier, keys):
    barrier.wait()
    keys.put(local_secret_key(path))


def test_concurrent_first_starts_end_with_one_key(tmp_path):
    context = multiprocessing.get_context("fork")
    path = tmp_path / "secret_key"
    barrier, keys = context.Barrier(6), context.Queue()
    starts = [context.Process(target=_start, args=(path, barrier, keys)) for _ in range(6)]
    for start in starts:
        start.start()
    found = {keys.get(timeout=30) for _ in starts}
    for start in starts:
        start.join()
    assert found == {path.read_text().strip()}


def _python(code: str, tmp_path: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "SECRET_KEY_FILE", "DATABASE_URL", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**keep, "DJANGO_SETTINGS_MODULE": "mekle.settings", "MEKLE_VAR_DIR": str(tmp_path), **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_fresh_clone_needs_no_environment(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first, second = _python(code, tmp_path), _python(code, tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip() == (tmp_path / "secret_key").read_text().strip()
    assert "insecure" not in first.stdout


@pytest.mark.parametrize("entry_point", ["mekle.wsgi", "mekle.asgi"])
def test_the_entry_points_refuse_production_without_a_key(tmp_path, entry_point):
    refused = _python(f"import {entry_point}", tmp_path, DATABASE_URL="postgres://mekle@db/mekle")
    assert refused.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in refused.stderr
    started = _python(
        f"import {entry_point}; print('started')",
        tmp_path,
        DATABASE_URL="postgres://mekle@db/mekle",
        SECRET_KEY="k" * 50,
    )
    assert started.stdout.strip() == "started", started.stderr
    in_debug = _python(
        f"import {entry_point}; print('started')", tmp_path, DATABASE_URL="postgres://mekle@db/mekle", DEBUG="1"
    )
    assert in_debug.stdout.strip() == "started", in_debug.stderr


@override_settings(**PRODUCTION_WITHOUT_KEY)
def test_check_deploy_fails_in_production_without_a_key():
    assert [e.id for e in check_secret_key_from_environment()] == ["mekle.E001"]
    assert "mekle.E001" in [e.id for e in run_checks(include_deployment_checks=True)]
    assert "mekle.E001" not in [e.id for e in run_checks(include_deployment_checks=False)]


@pytest.mark.parametrize(
    "overrides", [{"MEKLE_SECRET_KEY_FROM_ENVIRONMENT": True}, {"DATABASE_URL": ""}, {"DEBUG": True}]
)
def test_check_deploy_accepts_a_key_sqlite_or_debug(overrides):
    with override_settings(**{**PRODUCTION_WITHOUT_KEY, **overrides}):
        assert check_secret_key_from_environment() == []
