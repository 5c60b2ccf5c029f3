"""Only a notice's own user sees it."""

from django.contrib.auth.models import AnonymousUser

from mekle.notices import rules, services
from mekle.notices.models import NoticeKind


def test_a_notice_is_seen_only_by_its_own_active_user(case, alice, mia, bob):
    (notice,) = services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[alice])
    assert rules.can_see_notice(alice, notice)
    assert not rules.can_see_notice(mia, notice)
    assert not rules.can_see_notice(bob, notice)
    assert not rules.can_see_notice(AnonymousUser(), notice)
    alice.is_active = False
    assert not rules.can_see_notice(alice, notice)
