"""The staff audit log, read-only, and the administrator's reset of a person's second factors."""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mekle.accounts.models import User
from mekle.signin import rules, services
from mekle.signin.models import StaffAuditEntry


@admin.register(StaffAuditEntry)
class StaffAuditEntryAdmin(admin.ModelAdmin[StaffAuditEntry]):
    """Read-only: the log is written by the sign-in machinery, never edited by hand."""

    list_display = ["occurred_at", "kind", "username", "actor", "ip_address", "path"]
    list_filter = ["kind"]
    search_fields = ["username"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.action(description=_("Reset the second factors (they enrol again at their next sign-in)"))
def reset_second_factors(model_admin: Any, request: HttpRequest, queryset: QuerySet[User]) -> None:
    if not rules.can_reset_factors(request.user):
        raise PermissionDenied
    for person in queryset:
        services.reset_factors(person=person, actor=request.user, request=request)
    model_admin.message_user(
        request,
        ngettext("Reset the factors of %d person.", "Reset the factors of %d people.", len(queryset)) % len(queryset),
    )


class UserAdmin(type(admin.site.get_model_admin(User))):  # type: ignore[misc]  # the accounts app's, which lies below signin and cannot import it
    """The accounts app's user admin, with the administrator's reset of a person's second factors."""

    actions = [*(admin.site.get_model_admin(User).actions or []), reset_second_factors]

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        if not rules.can_reset_factors(request.user):
            actions.pop("reset_second_factors", None)
        return actions


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
