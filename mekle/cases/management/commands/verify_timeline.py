"""Check case timelines: their hash chains, the checkpoints named, and the state tables; name every finding."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from mekle.cases.checkpoints import Checkpoint, CheckpointError, checkpoint_files, public_key, read_checkpoint
from mekle.cases.models import Case
from mekle.cases.roles import app_role_rewrite_privileges
from mekle.cases.verification import Finding, missing_case_findings, verify_case


class Command(BaseCommand):
    help = (
        "Verify every case's timeline (or the cases named): its hash chain, its state tables recomputed from "
        "its events, and, given --checkpoint, the chain heads a signed checkpoint recorded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("references", nargs="*", help="Case references, e.g. OSL-2026-00042")
        parser.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            metavar="FILE",
            help="A checkpoint file written by write_checkpoint, or a directory of them; may be repeated.",
        )
        parser.add_argument(
            "--public-key",
            metavar="FILE",
            help="The Ed25519 public key (PEM) to check checkpoint signatures with "
            "(default: CHECKPOINT_PUBLIC_KEY_FILE, else the signing key's own).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        references: list[str] = options["references"]
        checkpoints = self.checkpoints(options["checkpoint"], options["public_key"])
        cases = Case.objects.order_by("id")
        if references:
            cases = cases.filter(reference__in=references)
            missing = set(references) - set(cases.values_list("reference", flat=True))
            if missing and not checkpoints:
                raise CommandError(f"No such case: {', '.join(sorted(missing))}")
        seen: set[str] = set()
        findings: list[Finding] = []
        for case in cases.iterator(chunk_size=500):
            seen.add(case.reference)
            findings.extend(verify_case(case, checkpoints))
        wanted = set(references) if references else None
        for checkpoint in checkpoints:
            findings.extend(missing_case_findings(seen, checkpoint, wanted))
        if privileges := app_role_rewrite_privileges(connection):
            findings.append(
                Finding(
                    "database",
                    "app role may rewrite events",
                    f"the role {settings.MEKLE_DATABASE_APP_ROLE} has {', '.join(privileges)} on case events; "
                    "run `manage.py migrate` with DATABASE_APP_ROLE set to take them away (docs/timeline.md)",
                )
            )
        for finding in findings:
            self.stderr.write(str(finding))
        if findings:
            raise CommandError(f"{len(findings)} finding(s) in {len(seen)} case timeline(s)")
        against = f", and every one agrees with {len(checkpoints)} checkpoint(s)" if checkpoints else ""
        self.stdout.write(
            f"{len(seen)} case timeline(s) verified; every chain is intact, every state table agrees{against}."
        )

    def checkpoints(self, paths: list[str], key_path: str | None) -> list[Checkpoint]:
        if not paths:
            return []
        files = checkpoint_files(paths)
        if not files:
            raise CommandError(f"No checkpoint files in {', '.join(paths)}")
        try:
            key = public_key(key_path)
            return [read_checkpoint(path, key) for path in files]
        except CheckpointError as error:
            raise CommandError(f"Checkpoint refused: {error}") from error
