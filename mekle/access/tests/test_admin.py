"""Django's admin: no case or person record of a case is there, and every read and change of what
stays is in the access log like any other read."""

import pytest
from django.contrib import admin
from django.urls import reverse

from mekle.access.admin import AccessLoggedAdmin
from mekle.access.models import AccessLogEntry
from mekle.accounts.models import Office, Role

# Case data lives in these apps; the workspace is where staff read it.
CASE_APPS = {"cases", "parties", "mediators", "agreements", "dialogue", "journal", "notices"}


def test_no_case_or_party_record_is_registered_in_the_admin():
    registered = {model._meta.label for model in admin.site._registry}
    assert not {label for label in registered if label.split(".")[0] in CASE_APPS}
    assert "referrals.OutcomeDelivery" not in registered  # it names cases
    assert {"accounts.User", "accounts.Office", "access.AccessLogEntry"} <= registered


@pytest.mark.parametrize(
    "path",
    [
        "/admin/cases/",
        "/admin/cases/case/",
        "/admin/cases/case/1/change/",
        "/admin/cases/caseevent/",
        "/admin/parties/party/",
        "/admin/parties/party/1/change/",
        "/admin/mediators/tiedeclaration/",
        "/admin/notices/staffnotice/",
        "/admin/referrals/outcomedelivery/",
    ],
)
def test_the_case_and_party_admin_pages_are_gone(admin_client, case, path):
    assert admin_client.get(path).status_code == 404


def test_every_admin_that_stays_is_access_logged():
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, AccessLoggedAdmin), model._meta.label


def test_reading_a_user_in_the_admin_writes_an_access_log_row(admin_client, admin_user, alice):
    response = admin_client.get(reverse("admin:accounts_user_change", args=[alice.pk]))

    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.role, entry.what, entry.object_id, entry.case_reference) == (
        admin_user,
        Role.ADMINISTRATOR,
        "admin_user",
        str(alice.pk),
        "",
    )
    assert entry.path == f"/admin/accounts/user/{alice.pk}/change/"


def test_a_list_search_and_a_history_are_reads_too(admin_client, alice):
    admin_client.get(reverse("admin:accounts_user_changelist"), {"q": "Berg"})
    admin_client.get(reverse("admin:accounts_user_history", args=[alice.pk]))

    rows = list(AccessLogEntry.objects.order_by("pk").values_list("what", "object_id", "detail"))
    assert rows == [("admin_user_list", "", "q=Berg"), ("admin_user_history", str(alice.pk), "")]


def test_a_refused_or_missing_object_leaves_no_read(admin_client, client, alice):
    assert admin_client.get(reverse("admin:accounts_user_change", args=[999999])).status_code == 302  # "no such user"
    client.force_login(alice)  # not staff: sent to the admin's sign-in
    assert client.get(reverse("admin:accounts_user_change", args=[alice.pk])).status_code == 302
    assert not AccessLogEntry.objects.exists()


def test_changing_a_user_writes_which_fields_changed_and_never_a_password(admin_client, alice):
    page = admin_client.get(reverse("admin:accounts_user_change", args=[alice.pk]))
    data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    data |= {"username": "alice", "first_name": "Alice", "last_name": "Bakke", "role": Role.MEDIATOR}
    data |= {"office": alice.office_id, "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "09:00"}
    data.pop("password", None)
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("last_login", None)
    data.pop("date_joined", None)

    response = admin_client.post(reverse("admin:accounts_user_change", args=[alice.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    changed = AccessLogEntry.objects.get(what="admin_user_changed")
    assert changed.object_id == str(alice.pk)
    assert changed.detail == '[{"changed": {"fields": ["Last name", "Date joined", "Role"]}}]'
    assert "Bakke" not in changed.detail


def test_adding_and_deleting_an_office_are_logged(admin_client):
    admin_client.post(reverse("admin:accounts_office_add"), _office_form(code="TRD", name="Trøndelag"))
    office = Office.objects.get(code="TRD")
    response = admin_client.post(
        reverse("admin:accounts_office_changelist"),
        {"action": "delete_selected", "_selected_action": [office.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Office.objects.filter(code="TRD").exists()
    rows = list(AccessLogEntry.objects.exclude(what__endswith="_list").order_by("pk").values_list("what", "object_id"))
    assert rows == [("admin_office_added", str(office.pk)), ("admin_office_deleted", str(office.pk))]


def _office_form(**fields):
    return {
        **fields,
        "region": "",
        "phone": "",
        "email": "",
        "areas-TOTAL_FORMS": "0",
        "areas-INITIAL_FORMS": "0",
        "areas-MIN_NUM_FORMS": "0",
        "areas-MAX_NUM_FORMS": "1000",
    }
