"""The serving processes' garbage collector: what the application loaded is frozen out of later
collections, and the youngest generation is larger. Checked in a fresh interpreter, as a server
starts, so this test process keeps its own collector settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mekle.lib.collector import MIDDLE, OLDEST, YOUNGEST

REPO = Path(__file__).resolve().parents[3]
PROBE = "import gc, {entry_point}; print(gc.get_threshold(), gc.get_freeze_count() > 10_000)"


@pytest.mark.parametrize("entry_point", ["mekle.wsgi", "mekle.asgi"])
def test_an_entry_point_freezes_what_is_loaded_and_collects_less_often(entry_point, tmp_path):
    started = subprocess.run(
        [sys.executable, "-c", PROBE.format(entry_point=entry_point)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"SECRET_KEY", "SECRET_KEY_FILE", "DATABASE_URL", "DEBUG"}
            },
            "DJANGO_SETTINGS_MODULE": "mekle.settings",
            "MEKLE_VAR_DIR": str(tmp_path),
        },
        timeout=120,
        check=False,
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == f"{(YOUNGEST, MIDDLE, OLDEST)} True"
