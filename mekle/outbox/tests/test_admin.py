"""The task queue in the admin: administrators find failed and stuck tasks and run them again; nobody else opens it."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mekle.accounts.models import Role
from mekle.outbox.rules import can_manage_tasks
from mekle.outbox.tasks import deliver_email
from mekle.testing.cast import make_user

CHANGELIST = reverse("admin:django_tasks_database_dbtaskresult_changelist")


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def administrator(office_a):
    return make_user("ada", office=office_a, role=Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def queue_rows(db):
    failed = DBTaskResult.objects.get(pk=deliver_email.enqueue(email_id="failed").id)
    failed.claim("w")
    failed.set_failed(RuntimeError("SMTP down"))
    stuck = DBTaskResult.objects.get(pk=deliver_email.enqueue(email_id="stuck").id)
    with time_machine.travel(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1), tick=False):
        stuck.claim("dead-worker")
    waiting = DBTaskResult.objects.get(pk=deliver_email.enqueue(email_id="waiting").id)
    return {"failed": failed, "stuck": stuck, "waiting": waiting}


def test_an_administrator_lists_the_failed_and_stuck_tasks(client, administrator, queue_rows):
    client.force_login(administrator)
    response = client.get(CHANGELIST, {"attention": "any"})
    assert response.status_code == 200
    shown = {row.pk for row in response.context["cl"].result_list}
    assert shown == {queue_rows["failed"].pk, queue_rows["stuck"].pk}
    assert {r.pk for r in client.get(CHANGELIST, {"attention": "stuck"}).context["cl"].result_list} == {
        queue_rows["stuck"].pk
    }
    assert {r.pk for r in client.get(CHANGELIST, {"attention": "failed"}).context["cl"].result_list} == {
        queue_rows["failed"].pk
    }


def test_retry_sets_failed_and_stuck_tasks_ready_and_leaves_the_rest(client, administrator, queue_rows):
    client.force_login(administrator)
    response = client.post(
        CHANGELIST,
        {"action": "retry", "_selected_action": [str(row.pk) for row in queue_rows.values()]},
        follow=True,
    )
    assert response.status_code == 200
    statuses = {name: DBTaskResult.objects.get(pk=row.pk).status for name, row in queue_rows.items()}
    assert statuses == {"failed": "READY", "stuck": "READY", "waiting": "READY"}
    texts = [str(m) for m in response.context["messages"]]
    assert any("2" in text for text in texts)
    assert any("1" in text for text in texts)  # the waiting one was neither


def test_the_page_makes_a_fixed_number_of_queries(client, administrator, queue_rows, django_assert_max_num_queries):
    client.force_login(administrator)
    client.get(CHANGELIST)
    for _ in range(20):
        deliver_email.enqueue(email_id="more")
    with django_assert_max_num_queries(25):
        assert client.get(CHANGELIST, {"attention": "any"}).status_code == 200


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MEDIATOR, Role.MANAGER, ""])
def test_staff_who_are_not_administrators_may_not_open_it_even_with_admin_access(client, office_a, queue_rows, role):
    user = make_user(f"u{role}", office=office_a, role=role, is_staff=True)
    assert not can_manage_tasks(user)
    client.force_login(user)
    assert client.get(CHANGELIST).status_code == 403
    response = client.post(CHANGELIST, {"action": "retry", "_selected_action": [str(queue_rows["failed"].pk)]})
    assert response.status_code == 403
    assert DBTaskResult.objects.get(pk=queue_rows["failed"].pk).status == "FAILED"


def test_an_administrator_without_admin_access_or_inactive_or_signed_out_may_not(office_a, administrator, client):
    from django.contrib.auth.models import AnonymousUser

    assert can_manage_tasks(administrator)
    assert not can_manage_tasks(make_user("nostaff", office=office_a, role=Role.ADMINISTRATOR))
    assert not can_manage_tasks(
        make_user("gone", office=office_a, role=Role.ADMINISTRATOR, is_staff=True, is_active=False)
    )
    assert not can_manage_tasks(AnonymousUser())
    assert client.get(CHANGELIST).status_code == 302  # to the sign-in


def test_a_superuser_may(admin_user):
    assert can_manage_tasks(admin_user)
