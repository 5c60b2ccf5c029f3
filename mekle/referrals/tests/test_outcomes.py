"""Outcome webhooks: the outbox row with the closing event, signatures, retries against a real receiver."""

import datetime as dt
import hashlib
import hmac
import http.server
import json
import threading
from unittest import mock

import pytest
import time_machine
from django.db import DatabaseError
from django.utils import timezone

from mekle.cases import services as case_services
from mekle.cases.models import Case
from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.referrals.models import DeliveryStatus, OutcomeDelivery
from mekle.referrals.services import outcomes
from mekle.testing.api import civil_referral, make_world, post_referral
from mekle.testing.cast import make_ready


def verify(secret: str, header: str, body: bytes) -> bool:
    """The recipe in docs/api.md, as a receiver writes it."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


class Receiver:
    """An HTTP server on 127.0.0.1 that answers 503 to the first `failures` requests, then 200."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.received: list[tuple[str, bytes]] = []
        self.ids: list[str] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((self.headers["Mekle-Signature"], body))
                receiver.ids.append(self.headers["Mekle-Delivery-Id"])
                ok = len(receiver.received) > receiver.failures
                self.send_response(200 if ok else 503)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver(failures=2)
    yield server
    server.stop()


def close_as_not_suitable(alice, reference):
    case = Case.objects.get(reference=reference)
    case_services.assess_suitability(
        actor=alice,
        case=case,
        facts_broadly_agreed=False,
        safety_risk="none_known",
        power_imbalance=False,
        court_case_ongoing=False,
        capacity_to_take_part=True,
        suitable=False,
        reason="Partene er uenige om fakta",
    )
    return case


def test_closing_a_referred_case_is_delivered_after_failures_and_never_twice(
    client, alice, office_a, office_b, receiver, django_capture_on_commit_callbacks
):
    keys = make_world(office_a, office_b, webhook_url=receiver.url)
    reference = post_referral(client, keys["police"], civil_referral()).json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        close_as_not_suitable(alice, reference)  # the immediate backend tries once at commit: 503
    delivery = OutcomeDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert delivery.next_attempt_at is not None
    outcomes.attempt_delivery(delivery_id=delivery.pk)  # 503 again
    outcomes.attempt_delivery(delivery_id=delivery.pk)  # 200
    outcomes.attempt_delivery(delivery_id=delivery.pk)  # already delivered: nothing sent
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 3
    assert len(receiver.received) == 3
    secret = keys["police"].api_key.organisation.webhook_secret
    for header, body in receiver.received:
        assert verify(secret, header, body)
        assert json.loads(body)["outcome"] == "not_suitable"
    assert not verify("wrong-secret", *receiver.received[0])


def test_a_receiver_down_keeps_the_delivery_for_later(
    client, alice, office_a, office_b, django_capture_on_commit_callbacks
):
    keys = make_world(office_a, office_b, webhook_url="http://127.0.0.1:9/down")
    reference = post_referral(client, keys["police"], civil_referral()).json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        close_as_not_suitable(alice, reference)
    delivery = OutcomeDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.last_error
    assert delivery.next_attempt_at is not None
    assert outcomes.due_deliveries(delivery.next_attempt_at) == [delivery.pk]


def test_retry_delay_doubles_and_is_capped():
    assert [outcomes.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3)] == [1, 2, 4]
    assert outcomes.retry_delay(30).total_seconds() == 12 * 3600


def test_outcomes_are_polled_in_order_with_a_cursor(client, alice, office_a, office_b):
    keys = make_world(office_a, office_b)
    first = post_referral(client, keys["police"], civil_referral()).json()["id"]
    second = post_referral(client, keys["police"], civil_referral(referrer_reference="2")).json()["id"]
    close_as_not_suitable(alice, first)
    close_as_not_suitable(alice, second)
    page = client.get("/api/v1/outcomes?limit=1", **keys["police"].headers).json()
    assert [o["referral"] for o in page["outcomes"]] == [first]
    rest = client.get(f"/api/v1/outcomes?since={page['next_cursor']}", **keys["police"].headers).json()
    assert [o["referral"] for o in rest["outcomes"]] == [second]
    since_epoch = client.get("/api/v1/outcomes?since=2000-01-01T00:00:00Z", **keys["police"].headers).json()
    assert len(since_epoch["outcomes"]) == 2
    assert client.get("/api/v1/outcomes", **keys["other_org"].headers).json()["outcomes"] == []
    assert client.get("/api/v1/outcomes?since=yesterday", **keys["police"].headers).status_code == 422


def test_a_case_not_referred_through_the_api_gets_no_delivery(alice, case):
    close_as_not_suitable(alice, case.reference)
    assert not OutcomeDelivery.objects.exists()


def test_a_withdrawal_tells_the_referrer_withdrawn_and_at_which_stage(client, alice, mia, office_a, office_b):
    keys = make_world(office_a, office_b)  # no webhook: the referrer polls
    reference = post_referral(client, keys["police"], civil_referral()).json()["id"]
    case = Case.objects.get(reference=reference)
    make_ready(alice, case)
    mediator_services.assign_mediator(actor=alice, case=case, mediator=mia)
    mediator_services.schedule_meeting(
        actor=alice, case=case, meeting_type="mediation", starts_at=timezone.now() + dt.timedelta(days=2), location="R"
    )
    party_services.withdraw_consent(actor=alice, participant=Participant(case.parties.get(full_name="Ola Nordmann")))
    delivery = OutcomeDelivery.objects.get()
    assert delivery.body["outcome"] == "withdrawn"
    assert delivery.body["stage"] == "meeting_scheduled"
    polled = client.get("/api/v1/outcomes?since=2000-01-01T00:00:00Z", **keys["police"].headers).json()
    assert [(o["outcome"], o["stage"]) for o in polled["outcomes"]] == [("withdrawn", "meeting_scheduled")]


@pytest.fixture
def a_pending_delivery(client, office_a, office_b, alice, settings):
    """A case closed; its webhook is in the outbox, not yet sent (no worker ran)."""
    settings.MEKLE_OUTBOX_RECORD_RETRY_DELAYS = (0, 0)

    def make(url):
        keys = make_world(office_a, office_b, webhook_url=url)
        reference = post_referral(client, keys["police"], civil_referral()).json()["id"]
        close_as_not_suitable(alice, reference)  # the on-commit task never runs inside the test
        return OutcomeDelivery.objects.get()

    return make


def test_a_webhook_carries_its_stable_id_in_a_header_and_in_the_body(a_pending_delivery):
    server = Receiver(failures=0)
    try:
        delivery = a_pending_delivery(server.url)
        outcomes.attempt_delivery(delivery_id=delivery.pk)
    finally:
        server.stop()
    assert server.ids == [delivery.body["id"]]
    assert json.loads(server.received[0][1])["id"] == delivery.body["id"]


def test_a_webhook_accepted_but_whose_commit_failed_is_recorded_again_not_sent_again(a_pending_delivery):
    server = Receiver(failures=0)
    original_save = OutcomeDelivery.save
    calls = []

    def save_failing_once(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseError("could not commit")
        return original_save(self, *args, **kwargs)

    try:
        delivery = a_pending_delivery(server.url)
        with mock.patch.object(OutcomeDelivery, "save", save_failing_once):
            outcomes.attempt_delivery(delivery_id=delivery.pk)
        assert outcomes.attempt_delivery(delivery_id=delivery.pk) is None
        assert outcomes.due_deliveries(timezone.now() + dt.timedelta(days=1)) == []
    finally:
        server.stop()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 1
    assert server.ids == [delivery.body["id"]]  # the receiver saw the id once


def test_a_crash_between_an_accepted_webhook_and_its_record_repeats_it_once_with_the_same_id(
    a_pending_delivery, settings
):
    """The window docs/api.md names: the receiver answered 2xx, the worker died before recording
    it. Nobody sends it during the claim; after, it is sent again with the same id, and the
    receiver, de-duplicating by id, acts once."""
    server = Receiver(failures=0)
    try:
        delivery = a_pending_delivery(server.url)
        start = timezone.now()
        with (
            time_machine.travel(start, tick=False),
            mock.patch.object(OutcomeDelivery, "save", side_effect=DatabaseError("gone")),
            pytest.raises(DatabaseError),
        ):
            outcomes.attempt_delivery(delivery_id=delivery.pk)
        claim = dt.timedelta(seconds=settings.MEKLE_OUTBOX_CLAIM_SECONDS)
        with time_machine.travel(start + claim - dt.timedelta(seconds=1), tick=False):
            assert outcomes.attempt_delivery(delivery_id=delivery.pk) is None
            assert outcomes.due_deliveries(timezone.now()) == []
        with time_machine.travel(start + claim + dt.timedelta(seconds=1), tick=False):
            assert outcomes.due_deliveries(timezone.now()) == [delivery.pk]
            resent = outcomes.attempt_delivery(delivery_id=delivery.pk)
            assert resent is not None
            assert resent.status == DeliveryStatus.DELIVERED
            assert outcomes.attempt_delivery(delivery_id=delivery.pk) is None
    finally:
        server.stop()
    assert server.ids == [delivery.body["id"]] * 2
    assert len(set(server.ids)) == 1  # what the receiver acts on
