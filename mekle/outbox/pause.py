"""A test hook: block a task at a named point so that a test can kill its worker there (kill -9).

Off unless `MEKLE_TEST_PAUSE_AT` names the point (the environment variable of the same name, set
only by the kill tests for the worker subprocess they start). Reaching the point writes
``<MEKLE_TEST_PAUSE_DIR>/<point>.reached`` and then sleeps until the process is killed.
"""

import time
from pathlib import Path

from django.conf import settings


def pause_point(name: str) -> None:
    if not settings.MEKLE_TEST_PAUSE_AT or name not in settings.MEKLE_TEST_PAUSE_AT.split(","):
        return
    marker = Path(settings.MEKLE_TEST_PAUSE_DIR) / f"{name}.reached"
    marker.write_text("reached")
    while True:  # pragma: no cover  (only ever left by SIGKILL, in a subprocess)
        time.sleep(0.1)
