"""The worker's sweep finds what should be queued and is not: approved versions without documents,
undelivered outcomes, unsent e-mails; and queues each once."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from mekle.agreements import tasks as agreement_tasks
from mekle.outbox import services, sweeps
from mekle.outbox.models import EmailStatus, OutboxEmail
from mekle.referrals import tasks as referral_tasks
from mekle.referrals.models import DeliveryStatus, OutcomeDelivery
from mekle.testing.agreement_rows import approved_version
from mekle.testing.api import civil_referral, make_world, post_referral

from .test_services import queue_one


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker() -> None:
    """The real worker, once, inside the test's transaction (see agreements' test_tasks.run_worker_at)."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_every_app_registers_its_catch_up():
    assert {
        "outbox.emails",
        "agreements.reminders",
        "agreements.approved_versions",
        "referrals.outcomes",
        "parties.invitations",
        "parties.answer_reminders",
        "notices.emails",
    } <= set(sweeps._catch_ups)


def test_an_approved_version_without_its_documents_is_followed_up_once(case, mia):
    DBTaskResult.objects.all().delete()
    version = approved_version(case, mediator=mia, fulfilment_date=dt.date.today() + dt.timedelta(days=60))
    DBTaskResult.objects.all().delete()  # the task was lost
    assert not version.documents.exists()
    assert agreement_tasks.catch_up_approved_versions() == 1
    assert agreement_tasks.catch_up_approved_versions() == 0  # already waiting
    run_worker()
    assert version.documents.filter(kind="agreement").exists()
    assert agreement_tasks.catch_up_approved_versions() == 0


def test_an_undelivered_outcome_is_queued_once(client, office_a, office_b, alice):
    from mekle.referrals.tests.test_outcomes import close_as_not_suitable

    keys = make_world(office_a, office_b, webhook_url="http://127.0.0.1:9/down")
    close_as_not_suitable(alice, post_referral(client, keys["police"], civil_referral()).json()["id"])
    assert OutcomeDelivery.objects.get().status == DeliveryStatus.PENDING
    assert referral_tasks.catch_up_deliveries() == 1
    assert referral_tasks.catch_up_deliveries() == 0


def test_an_unsent_e_mail_is_queued_once_and_sent_by_the_worker(db, mailoutbox):
    email = queue_one(hand_to_worker=False)
    assert sweeps.catch_up_emails() == 1
    assert sweeps.catch_up_emails() == 0
    run_worker()
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mailoutbox) == 1
    assert sweeps.catch_up_emails() == 0


def test_an_e_mail_queued_by_a_change_goes_to_the_worker_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        (email,) = services.queue_emails([EmailMessage("s", "b", None, ["a@example.no"])], source="t")
    assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"email_id": str(email.pk)}
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False):
        assert OutboxEmail.objects.get().status == EmailStatus.PENDING
