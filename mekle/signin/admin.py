from django.contrib import admin

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
