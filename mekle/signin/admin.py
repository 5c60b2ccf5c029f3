"""The staff audit log, read-only; sign-in lockouts and their unlock; the administrator's reset of a
person's second factors."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mekle.accounts.models import User
from mekle.lib.http import client_ip
from mekle.signin import rules, services
from mekle.signin.models import SignInLockout, StaffAuditEntry
from mekle.signin.rules import can_unlock_sign_in


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


@admin.register(SignInLockout)
class SignInLockoutAdmin(admin.ModelAdmin[SignInLockout]):
    """Lockouts, read-only, with one action: an administrator ends them (services.unlock)."""

    list_display = ["locked_at", "scope", "username", "ip_address", "locked_until", "unlocked_at", "unlocked_by"]
    list_filter = ["scope", ("unlocked_at", admin.EmptyFieldListFilter)]
    search_fields = ["username", "ip_address"]
    readonly_fields = [f.name for f in SignInLockout._meta.fields]
    actions = ["unlock_selected"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_unlock_sign_in(request.user)

    def has_view_permission(self, request: HttpRequest, obj: SignInLockout | None = None) -> bool:
        return can_unlock_sign_in(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SignInLockout | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: SignInLockout | None = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return super().get_actions(request) if can_unlock_sign_in(request.user) else {}

    @admin.action(description=_("Unlock the selected lockouts"))
    def unlock_selected(self, request: HttpRequest, queryset: QuerySet[SignInLockout]) -> None:
        actor = request.user
        if not isinstance(actor, User):
            raise PermissionDenied
        lockouts = list(queryset.filter(unlocked_at__isnull=True))
        for lockout in lockouts:
            services.unlock(actor=actor, lockout=lockout, ip_address=client_ip(request) or None, path=request.path)
        self.message_user(
            request,
            ngettext("%(count)d lockout unlocked.", "%(count)d lockouts unlocked.", len(lockouts))
            % {"count": len(lockouts)},
            messages.SUCCESS,
        )


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
