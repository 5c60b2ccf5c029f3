"""The one rate-limit helper: a sliding window per key, counted under a row lock."""

import datetime as dt

import time_machine
from django.utils import timezone

from mekle.accounts.models import RateLimit
from mekle.accounts.services import forget_old_allowances, sender_key, take_allowance


def test_an_allowance_runs_out_after_the_limit_and_counts_nothing_more(db):
    assert [take_allowance(key="k", limit=3) for _ in range(5)] == [True, True, True, False, False]
    assert len(RateLimit.objects.get(key="k").hits) == 3


def test_the_window_slides_one_hit_at_a_time(db):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        take_allowance(key="k", limit=2)
        traveller.shift(dt.timedelta(minutes=30))
        take_allowance(key="k", limit=2)
        assert not take_allowance(key="k", limit=2)
        traveller.shift(dt.timedelta(minutes=31))  # the first hit is now more than an hour old
        assert take_allowance(key="k", limit=2)
        assert not take_allowance(key="k", limit=2)


def test_each_key_has_its_own_allowance(db):
    assert take_allowance(key="a", limit=1)
    assert take_allowance(key="b", limit=1)
    assert not take_allowance(key="a", limit=1)


def test_a_sender_key_hides_the_value_and_ignores_case_and_spaces():
    key = sender_key("portal-link:address", " Ola@Example.no ")
    assert key == sender_key("portal-link:address", "ola@example.no")
    assert "ola" not in key
    assert key != sender_key("journal-link:address", "ola@example.no")


def test_old_rows_are_forgotten(db):
    with time_machine.travel(timezone.now() - dt.timedelta(days=2)):
        take_allowance(key="old", limit=1)
    take_allowance(key="new", limit=1)
    assert forget_old_allowances() == 1
    assert list(RateLimit.objects.values_list("key", flat=True)) == ["new"]
    assert str(RateLimit.objects.get()) == "new"
