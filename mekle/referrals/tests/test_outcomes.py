"""Outcome webhooks: the outbox row with the closing event, signatures, retries against a real receiver."""

import datetime as dt
import hashlib
import hmac
import http.server
import json
import threading

import pytest
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
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((self.headers["Mekle-Signature"], body))
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
