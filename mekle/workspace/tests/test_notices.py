"""Notices on the workspace start page, and marking one seen without JavaScript."""

from django.urls import reverse

from mekle.notices import services as notice_services
from mekle.notices.models import NoticeKind, StaffNotice

HOME = reverse("workspace:home")


def test_the_start_page_lists_the_users_open_notices_with_the_case(client, case, alice):
    notice_services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[alice])
    client.force_login(alice)
    page = client.get(HOME).content.decode()
    assert "En part trakk seg" in page
    assert reverse("workspace:case_page", args=[case.reference]) in page
    assert "Marker som sett" in page


def test_another_caseworker_or_mediator_does_not_see_the_notice(client, case, alice, mia, bob):
    notice_services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[alice])
    for user in (mia, bob):
        client.force_login(user)
        response = client.get(HOME)
        assert response.context["notices"] == []
        assert "En part trakk seg" not in response.content.decode()


def test_marking_a_notice_seen_takes_it_off_the_start_page(client, case, alice):
    (notice,) = notice_services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[alice])
    client.force_login(alice)
    response = client.post(reverse("workspace:mark_notice_seen", args=[notice.pk]), follow=True)
    assert response.redirect_chain == [(HOME, 302)]
    assert "Markert som sett." in response.content.decode()
    assert response.context["notices"] == []
    assert StaffNotice.objects.get().seen_at is not None


def test_another_persons_notice_cannot_be_marked_seen(client, case, alice, mia):
    (notice,) = notice_services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[alice])
    client.force_login(mia)
    assert client.post(reverse("workspace:mark_notice_seen", args=[notice.pk])).status_code == 404
    assert client.get(reverse("workspace:mark_notice_seen", args=[notice.pk])).status_code == 405
    assert StaffNotice.objects.get().seen_at is None
