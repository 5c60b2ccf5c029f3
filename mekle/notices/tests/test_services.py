"""Telling the case's staff, and marking a notice seen."""

import pytest
from django.core import mail
from django.db import transaction

from mekle.accounts.models import Role
from mekle.cases import events as cases_events
from mekle.cases import services as case_services
from mekle.cases.lifecycle import GuardError
from mekle.notices import services
from mekle.notices.models import NoticeKind, StaffNotice
from mekle.testing.cast import make_user


def record(case, actor):
    with transaction.atomic():
        locked = case_services.lock_case(case)
        return case_services.record_event(case=locked, kind=cases_events.STATUS_CHANGED, actor=actor, payload={})


def test_the_offices_caseworkers_and_the_assigned_mediators_are_told(case, alice, mia, mats, bob, office_a):
    other_caseworker = make_user("anna", office=office_a, role=Role.CASEWORKER)
    make_user("gone", office=office_a, role=Role.CASEWORKER, is_active=False)
    notices = services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN)
    assert {n.user for n in notices} == {alice, other_caseworker, mia}  # not mats, not bob, not the inactive


def test_the_actor_of_the_event_is_not_told_what_they_did(case, alice, mia):
    event = record(case, alice)
    notices = services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, event=event)
    assert [n.user for n in notices] == [mia]
    assert notices[0].event == event


def test_given_recipients_are_told_and_nobody_else(case, alice, mats):
    notices = services.notify_case_staff(case=case, kind=NoticeKind.MESSAGE_HELD, recipients=[mats])
    assert [(n.user, n.kind) for n in notices] == [(mats, NoticeKind.MESSAGE_HELD)]


def test_nobody_to_tell_sends_nothing(case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[]) == []
    assert callbacks == []


def test_staff_with_an_address_are_emailed_after_commit(case, alice, mia, django_capture_on_commit_callbacks):
    alice.email = "alice@konfliktraadet.example"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN)
    assert [m.to for m in mail.outbox] == [["alice@konfliktraadet.example"]]  # mia has no address


def test_only_the_notices_own_user_may_mark_it_seen(case, alice, mia):
    (notice,) = services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[alice])
    with pytest.raises(GuardError):
        services.mark_notice_seen(actor=mia, notice=notice)
    assert StaffNotice.objects.get().seen_at is None
    services.mark_notice_seen(actor=alice, notice=notice)
    seen_at = StaffNotice.objects.get().seen_at
    assert seen_at is not None
    services.mark_notice_seen(actor=alice, notice=notice)  # again: nothing changes
    assert StaffNotice.objects.get().seen_at == seen_at
