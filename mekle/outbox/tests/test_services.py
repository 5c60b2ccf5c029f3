"""The outbox's e-mails: queued with their cause, claimed, sent with a stable Message-ID, recorded once."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage
from django.db import DatabaseError, transaction

from mekle.outbox import services, tasks
from mekle.outbox.models import EmailStatus, OutboxEmail

T0 = dt.datetime(2026, 5, 4, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _no_pauses(settings):
    settings.MEKLE_OUTBOX_RECORD_RETRY_DELAYS = (0, 0)
    settings.MEKLE_OUTBOX_CLAIM_SECONDS = 120


def queue_one(**kwargs) -> OutboxEmail:
    with transaction.atomic():
        (email,) = services.queue_emails(
            [EmailMessage("Ny melding", "Du har en ny melding i Mekle.", None, ["ola@example.no"])],
            source="test",
            **kwargs,
        )
    return email


def test_an_e_mail_queued_in_a_transaction_that_rolls_back_is_never_sent(db):
    def change_that_fails() -> None:
        with transaction.atomic():
            services.queue_emails([EmailMessage("s", "b", None, ["a@example.no"])], source="test")
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert not OutboxEmail.objects.exists()


def test_a_queued_e_mail_is_handed_to_the_worker_after_commit_and_sent_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_one()
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [["ola@example.no"]]
    assert services.deliver_email(email_id=email.pk) is None  # recorded: never again
    assert tasks.deliver_email.call(email_id=str(email.pk)) == "skipped"
    assert len(mail.outbox) == 1


def test_every_attempt_carries_the_same_message_id(db, settings):
    email = queue_one(hand_to_worker=False)
    expected = f"<{email.pk}@{settings.MEKLE_MESSAGE_ID_DOMAIN}>"
    with (
        mock.patch.object(mail.get_connection().__class__, "send_messages", side_effect=OSError("down")),
        time_machine.travel(T0, tick=False),
    ):
        services.deliver_email(email_id=email.pk)
    with time_machine.travel(T0 + dt.timedelta(minutes=2), tick=False):
        services.deliver_email(email_id=email.pk)
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [expected]
    assert services.email_message(email).message()["Message-ID"] == expected


def test_a_send_that_succeeded_but_whose_commit_failed_is_recorded_again_not_sent_again(db):
    email = queue_one(hand_to_worker=False)
    original_save = OutboxEmail.save
    calls = []

    def save_failing_once(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseError("could not commit: the connection was lost")
        return original_save(self, *args, **kwargs)

    with mock.patch.object(OutboxEmail, "save", save_failing_once):
        assert tasks.send_queued([email]) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 1
    assert len(mail.outbox) == 1  # the receiver saw it once
    assert services.due_emails(T0 + dt.timedelta(days=1)) == []


def test_a_crash_between_the_accepted_send_and_its_record_repeats_it_once_with_the_same_id(db):
    """The documented window: the record never happens (the process died). The claim keeps every
    other worker off for MEKLE_OUTBOX_CLAIM_SECONDS; then the sweep sends it again, with the same
    Message-ID, so the receiver sees one id twice and can drop the repeat."""
    with time_machine.travel(T0, tick=False):
        email = queue_one(hand_to_worker=False)
        with (
            mock.patch.object(OutboxEmail, "save", side_effect=DatabaseError("gone")),
            pytest.raises(DatabaseError),
        ):
            services.deliver_email(email_id=email.pk)
    assert len(mail.outbox) == 1
    assert services.due_emails(T0 + dt.timedelta(seconds=119)) == []  # still claimed: nobody repeats it yet
    with time_machine.travel(T0 + dt.timedelta(seconds=119), tick=False):
        assert services.deliver_email(email_id=email.pk) is None
    mail.outbox.clear()
    with time_machine.travel(T0 + dt.timedelta(seconds=121), tick=False):
        assert services.due_emails(T0 + dt.timedelta(seconds=121)) == [email.pk]
        resent = services.deliver_email(email_id=email.pk)
        assert resent is not None
        assert resent.status == EmailStatus.SENT
    first_id = services.message_id(email)
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [first_id]
    assert services.deliver_email(email_id=email.pk) is None


def test_a_failed_send_waits_for_its_next_attempt_then_fails_for_good(db, settings, caplog):
    settings.MEKLE_EMAIL_MAX_ATTEMPTS = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    email = queue_one(hand_to_worker=False)
    with mock.patch.object(mail.get_connection().__class__, "send_messages", side_effect=OSError("down")):
        with time_machine.travel(T0, tick=False):
            assert tasks.deliver_email.call(email_id=str(email.pk)) == "retrying"
            assert services.deliver_email(email_id=email.pk) is None  # not due yet
        with time_machine.travel(T0 + dt.timedelta(minutes=1, seconds=1), tick=False):
            assert tasks.deliver_email.call(email_id=str(email.pk)) == "failed"
    assert "failed for good" in caplog.text
    assert mail.outbox == []


def test_a_keyed_e_mail_is_queued_once_and_its_body_forgotten_once_sent(db):
    message = EmailMessage("Lenke", "https://mekle.example/logg-inn/secret", None, ["ola@example.no"])
    with transaction.atomic():
        (email,) = services.queue_emails([message], source="test", keys=["7"], hand_to_worker=False)
        assert services.queue_emails([message], source="test", keys=["7"], hand_to_worker=False) == []
        assert len(services.queue_emails([message], source="other", keys=["7"], hand_to_worker=False)) == 1
    tasks.send_queued([email])
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.body == ""  # a sign-in link does not stay in the database
    assert email.to == []  # nor the address
    assert "secret" in mail.outbox[0].body


def test_keys_must_match_the_messages_and_attachments_must_be_text(db):
    message = EmailMessage("s", "b", None, ["a@example.no"])
    with pytest.raises(ValueError, match="one key per message"):
        services.queue_emails([message], source="test", keys=[])
    message.attach("data.bin", b"\x00\xff", "application/octet-stream")
    with pytest.raises(TypeError, match="text attachments"):
        services.queue_emails([message], source="test")
