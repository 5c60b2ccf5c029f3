"""The API's limits: per key per minute (exact under parallel calls), and per address for calls without a valid key."""

import datetime as dt
import logging
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from mekle.accounts.models import Office
from mekle.referrals.models import ApiRequestLog
from mekle.testing.api import make_world
from mekle.testing.threads import at_once, database_for_threads, in_thread

OUTCOMES = "/api/v1/outcomes"
BAD_KEY: dict[str, Any] = {"HTTP_AUTHORIZATION": "Bearer mk_not-a-key"}


def early_in_a_minute():
    """Frozen a second into the next minute: a count in the cache's windows cannot start over halfway."""
    next_minute = timezone.now() + dt.timedelta(minutes=1)
    return time_machine.travel(next_minute.replace(second=1, microsecond=0), tick=False)


def make_keys():
    return make_world(Office.objects.create(code="OSL", name="Oslo"), Office.objects.create(code="BRG", name="Bergen"))


@pytest.mark.django_db(transaction=True)
def test_of_120_parallel_calls_exactly_the_limit_get_through(tmp_path, settings):
    """16 threads as a threaded server's, each call with its own connection; SQLite in a file, as in production."""
    settings.MEKLE_API_REQUESTS_PER_MINUTE = 60
    with database_for_threads(tmp_path):
        headers = in_thread(make_keys)["police"].headers

        def call():
            response = Client().get(OUTCOMES, **headers)
            return response.status_code, response.get("Retry-After")

        answers = at_once(call, 120)
        logged = in_thread(lambda: ApiRequestLog.objects.filter(status=200).count())
    statuses = [status for status, _retry in answers]
    assert statuses.count(200) == 60
    assert statuses.count(429) == 60
    assert all(1 <= int(retry) <= 60 for status, retry in answers if status == 429)
    assert logged == 60


def test_the_limit_is_a_sliding_minute_and_a_refused_call_is_not_counted(client, keys, settings):
    settings.MEKLE_API_REQUESTS_PER_MINUTE = 2
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        assert client.get(OUTCOMES, **keys["police"].headers).status_code == 200
        traveller.shift(dt.timedelta(seconds=40))
        assert client.get(OUTCOMES, **keys["police"].headers).status_code == 200
        refused = client.get(OUTCOMES, **keys["police"].headers)
        assert refused.status_code == 429
        assert refused["Retry-After"] == "20"  # when the first call leaves the minute
        traveller.shift(dt.timedelta(seconds=21))
        assert client.get(OUTCOMES, **keys["police"].headers).status_code == 200
        assert client.get(OUTCOMES, **keys["police"].headers).status_code == 429


def test_bad_keys_are_limited_per_address_without_a_row_per_call(client, keys, settings, caplog):
    settings.MEKLE_API_BAD_KEY_CALLS_PER_MINUTE = 3
    with early_in_a_minute(), caplog.at_level(logging.WARNING, logger="mekle.referrals.services.api_keys"):
        statuses = [client.get(OUTCOMES, **BAD_KEY).status_code for _ in range(3)]
        statuses += [client.get(OUTCOMES, **keys["revoked"].headers).status_code for _ in range(27)]
        limited = client.get(OUTCOMES)  # no key at all counts the same
        other_address = client.get(OUTCOMES, REMOTE_ADDR="10.0.0.9", **BAD_KEY)
        valid_key = client.get(OUTCOMES, **keys["police"].headers)
    assert statuses == [401] * 3 + [429] * 27
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert limited["Retry-After"] == "59"  # the minute's end
    assert other_address.status_code == 401
    assert valid_key.status_code == 200  # from the same address
    assert list(ApiRequestLog.objects.order_by("pk").values_list("api_key", "status")) == [
        (None, 401),  # the address's first of 31 bad calls
        (None, 401),  # the other address's first
        (keys["police"].api_key.pk, 200),
    ]
    warnings = [r.getMessage() for r in caplog.records if "without a valid key" in r.getMessage()]
    assert warnings == ["API: 4 calls without a valid key from 127.0.0.1 within a minute; refused for 59 s"]


def test_bad_keys_are_allowed_again_in_the_next_minute(client, db, settings):
    settings.MEKLE_API_BAD_KEY_CALLS_PER_MINUTE = 1
    start = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(start, tick=False) as traveller:
        assert [client.get(OUTCOMES, **BAD_KEY).status_code for _ in range(2)] == [401, 429]
        traveller.shift(dt.timedelta(seconds=60))
        assert [client.get(OUTCOMES, **BAD_KEY).status_code for _ in range(2)] == [401, 429]
    assert ApiRequestLog.objects.count() == 2  # one row a minute


def test_calls_without_a_key_to_the_schema_or_an_unknown_path_write_no_row(client, db):
    for _ in range(5):
        assert client.get("/api/v1/openapi.json").status_code == 200
        assert client.get("/api/v1/nothing-here").status_code == 404
    assert not ApiRequestLog.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_of_40_parallel_calls_with_a_bad_key_exactly_the_limit_get_401_and_one_row(tmp_path, settings):
    settings.MEKLE_API_BAD_KEY_CALLS_PER_MINUTE = 10
    with database_for_threads(tmp_path), early_in_a_minute():
        statuses = at_once(lambda: Client().get(OUTCOMES, **BAD_KEY).status_code, 40)
        rows = in_thread(ApiRequestLog.objects.count)
    assert sorted(statuses) == [401] * 10 + [429] * 30
    assert rows == 1
