"""Time rendering a two-page agreement to PDF/A: one warm-up, then N renders in one process.

Needs no benchmark database: it migrates a throw-away SQLite file, makes one approved agreement and
renders it. Run alone with `uv run python -m bench.documents` or `python -m bench.run --only documents`.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_MEDIAN_MS = 250


def _setup(workdir: str) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ["SQLITE_PATH"] = str(Path(workdir) / "documents.sqlite3")
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mekle.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _agreement() -> Any:
    import datetime as dt

    from mekle.accounts.models import Office, Role, User
    from mekle.agreements.tests.factories import approved_version
    from mekle.parties.services import PartyInput, register_referral

    office = Office.objects.create(code="BEN", name="Konfliktrådet i Oslo")
    caseworker = User.objects.create(username="bench-caseworker", office=office, role=Role.CASEWORKER)
    mediator = User.objects.create(username="bench-mediator", first_name="Mia", last_name="Lund", role=Role.MEDIATOR)
    born = dt.date(1980, 5, 17)
    case = register_referral(
        actor=caseworker,
        office=office,
        case_type="civil",
        referrer_kind="party",
        parties=[
            PartyInput(full_name="Ola Nordmann", role="victim", date_of_birth=born),
            PartyInput(full_name="Kari Nordmann", role="offender", date_of_birth=born),
        ],
    )
    return approved_version(case, mediator=mediator, many_commitments=6)


def run(n: int = 30) -> dict[str, float]:
    """Median and p95 in milliseconds of rendering the same two-page agreement `n` times."""
    with tempfile.TemporaryDirectory() as workdir:
        _setup(workdir)
        from pypdf import PdfReader

        from mekle.agreements import documents

        version = _agreement()
        pdf = documents.render_agreement(version, "nb")  # warm-up: fonts, stylesheet, templates
        pages = len(PdfReader(__import__("io").BytesIO(pdf)).pages)
        timings = []
        for _ in range(n):
            start = time.perf_counter()
            documents.render_agreement(version, "nb")
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "n": n,
        "pages": pages,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[max(0, round(0.95 * n) - 1)],
        "target_median_ms": TARGET_MEDIAN_MS,
    }


def report(result: dict[str, float]) -> None:
    verdict = "ok" if result["median_ms"] < TARGET_MEDIAN_MS else "SLOW"
    print(
        f"\nAgreement PDF/A ({result['pages']:.0f} pages, n={result['n']:.0f}): "
        f"median {result['median_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms "
        f"(target median < {TARGET_MEDIAN_MS} ms: {verdict})"
    )


if __name__ == "__main__":
    report(run())
