"""The neutral e-mail about a notice."""

from django.core import mail

from mekle.notices import services, tasks
from mekle.notices.models import NoticeKind


def test_the_email_is_neutral_and_points_to_the_start_page(case, alice, settings):
    settings.MEKLE_PUBLIC_URL = "https://mekle.example.no"
    alice.email = "alice@konfliktraadet.example"
    alice.save()
    (notice,) = services.notify_case_staff(case=case, kind=NoticeKind.FLAGGED_MESSAGE, recipients=[alice])
    assert tasks.email_notices.call(notice_ids=[notice.pk], category="trussel") == 1
    (message,) = mail.outbox
    assert message.subject == "Du har et nytt varsel"
    assert case.reference not in message.subject
    assert case.reference not in message.body
    assert "Ola" not in message.body
    assert "Kari" not in message.body
    assert "En melding som tonesjekken merket, ble sendt" in message.body
    assert "trussel" in message.body
    assert "https://mekle.example.no/" in message.body
    assert tasks.email_notices.call(notice_ids=[notice.pk], category="trussel") == 0  # run again: once
    assert len(mail.outbox) == 1


def test_staff_without_an_address_get_no_email(case, mia):
    (notice,) = services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[mia])
    assert tasks.email_notices.call(notice_ids=[notice.pk]) == 0
    assert mail.outbox == []
