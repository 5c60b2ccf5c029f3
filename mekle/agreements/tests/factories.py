"""Moved to ``mekle.testing.agreement_rows``; kept only for ``bench/documents.py`` (the speed branch's), until it imports from there."""

from mekle.testing.agreement_rows import approved_version

__all__ = ["approved_version"]
