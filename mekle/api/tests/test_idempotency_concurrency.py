"""Two identical referrals with the same Idempotency-Key at the same moment open one case.

On PostgreSQL the two requests really overlap (threads, each with its own connection): the
second insert waits on the unique index and then reads the first one's answer. SQLite serialises
writers, so there the same test checks the sequential behaviour of two back-to-back calls.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from mekle.accounts.models import Office
from mekle.cases.models import Case
from mekle.testing.api import civil_referral, make_world, post_referral


@pytest.mark.django_db(transaction=True)
def test_two_identical_requests_at_once_open_one_case():
    keys = make_world(Office.objects.create(code="OSL", name="Oslo"), Office.objects.create(code="BRG", name="Bergen"))
    results = []

    def send():
        try:
            response = post_referral(Client(), keys["police"], civil_referral(), HTTP_IDEMPOTENCY_KEY="same")
            results.append((response.status_code, response.json()))
        finally:
            connection.close()

    if connection.vendor == "postgresql":
        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        send()
        send()
    assert len(results) == 2
    assert results[0] == results[1]
    assert results[0][0] == 201
    assert Case.objects.count() == 1
