"""Shared test builders, in one place: the cast, referral and contact set-ups, agreements, the API's keys.

Tests import builders from here (``from mekle.testing.cast import make_ready``), never from another
test module; conftest.py turns the cast into fixtures.
"""
