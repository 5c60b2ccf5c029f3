"""The bench server's settings: production's, plus the plain comparison pages (`bench.plain`).

Only ``bench.run`` serves with these; ``mekle.settings`` and ``mekle.urls`` never route to them.
"""

from mekle.settings import *  # noqa: F403  # the production settings, as served

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]  # noqa: F405
