"""The composed predicates: a notice to staff is its own user's alone."""

from django.utils import timezone

from mekle.access import rules
from mekle.notices.models import NoticeKind, StaffNotice


def test_a_notice_is_seen_only_by_the_person_it_was_given_to(case, alice, mia, bob):
    notice = StaffNotice.objects.create(user=alice, case=case, kind=NoticeKind.WITHDRAWN, created_at=timezone.now())
    assert rules.can_see_notice(alice, notice)
    assert not rules.can_see_notice(mia, notice)  # the case's mediator, but not theirs
    assert not rules.can_see_notice(bob, notice)
