"""The access log's write: one row per read, with what the row may hold."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from mekle.access.models import AccessLogEntry
from mekle.access.services import log_access


def test_a_read_is_one_row_naming_who_what_and_where(alice):
    before = timezone.now()
    log_access(
        user=alice,
        what="party_page",
        path="/workspace/cases/OSL-2026-00001/parties/7/",
        case_reference="OSL-2026-00001",
        object_id="7",
    )
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.what, entry.case_reference, entry.object_id, entry.detail) == (
        alice,
        "party_page",
        "OSL-2026-00001",
        "7",
        "",
    )
    assert entry.path == "/workspace/cases/OSL-2026-00001/parties/7/"
    assert before <= entry.occurred_at <= timezone.now()


def test_an_anonymous_read_has_no_user(db):
    log_access(user=AnonymousUser(), what="public_check", path="/check-record/")
    assert AccessLogEntry.objects.get().user is None


def test_long_values_are_cut_to_fit_their_columns(alice):
    log_access(user=alice, what="case_list", path="/" + "p" * 600, detail="q=" + "x" * 600)
    entry = AccessLogEntry.objects.get()
    assert len(entry.path) == 500
    assert len(entry.detail) == 500


def test_a_row_keeps_the_readers_role_as_they_read(alice, mia, outsider):
    from mekle.accounts.models import Role
    from mekle.testing.cast import make_user

    admin = make_user("root", is_superuser=True, is_staff=True)
    for user in (alice, mia, admin, outsider, AnonymousUser()):
        log_access(user=user, what="case_page", path="/")
    roles = list(AccessLogEntry.objects.order_by("pk").values_list("role", flat=True))
    assert roles == [Role.CASEWORKER, Role.MEDIATOR, Role.ADMINISTRATOR, "", ""]
