"""The open notices of one member of staff."""

from mekle.notices import selectors, services
from mekle.notices.models import NoticeKind


def test_open_notices_are_the_users_own_unseen_ones_newest_first(
    case, other_case, alice, mia, django_assert_num_queries
):
    first = services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[alice])[0]
    seen = services.notify_case_staff(case=other_case, kind=NoticeKind.WITHDRAWN, recipients=[alice])[0]
    services.mark_notice_seen(actor=alice, notice=seen)
    newest = services.notify_case_staff(case=other_case, kind=NoticeKind.PARTY_MESSAGE, recipients=[alice])[0]
    services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[mia])
    with django_assert_num_queries(1):
        notices = selectors.open_notices_for(alice)
        assert [n.case.reference for n in notices] == [other_case.reference, case.reference]
    assert [n.pk for n in notices] == [newest.pk, first.pk]
    assert len(selectors.open_notices_for(alice, limit=1)) == 1
