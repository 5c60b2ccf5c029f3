"""The neutral e-mail about a notice."""

import datetime as dt

import time_machine
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

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


def test_the_sweep_e_mails_a_notice_whose_task_was_lost_once(case, alice, mia, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    alice.email = "alice@konfliktraadet.example"
    alice.save()
    (notice,) = services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[alice])
    services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[mia])  # no address
    assert tasks.catch_up_notices() == 0  # a minute old at most: its own task is on its way
    later = timezone.now() + dt.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        assert tasks.catch_up_notices() == 1
        assert tasks.catch_up_notices() == 0  # waiting
        (task,) = DBTaskResult.objects.filter(task_path=tasks.email_notices.module_path)
        assert task.args_kwargs["kwargs"]["notice_ids"] == [notice.pk]
        assert tasks.email_notices.call(notice_ids=[notice.pk]) == 1
        task.delete()
        assert tasks.catch_up_notices() == 0  # e-mailed
    assert len(mail.outbox) == 1
