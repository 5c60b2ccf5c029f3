"""Django's admin keeps no case or person record of a case: cases, parties, guardians, agreements,
messages, journals and referrals are read in the workspace, where every read is logged and only the
case's staff may look. What stays (users, offices, referrers and their keys, the logs, the task
queue) is logged like any other read: every list, object, history and delete page an administrator
opens, and every addition, change and deletion, is a row in the access log (``what="admin_user"``,
``"admin_user_list"``, ``"admin_user_changed"``…, with the object's id).
"""

import json
from typing import Any

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse

from .models import AccessLogEntry
from .services import log_access


class AccessLoggedAdmin(admin.ModelAdmin[Any]):
    """A ModelAdmin whose reads and changes are written to the access log (see the module docstring).

    `log_every_admin` puts it under every ModelAdmin registered in the site, Django's own and the
    libraries' too, so an app's admin.py needs nothing of its own; a test keeps it so.
    """

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        self._log_read(request, response, "_list", detail=request.GET.urlencode())
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        self._log_read(request, response, "", object_id=object_id)
        return response

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().history_view(request, object_id, extra_context)
        self._log_read(request, response, "_history", object_id=object_id)
        return response

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().delete_view(request, object_id, extra_context)
        self._log_read(request, response, "_delete", object_id=object_id)  # the confirmation page shows it
        return response

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> LogEntry:
        self._log_change(request, obj.pk, "_added", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> LogEntry:
        self._log_change(request, obj.pk, "_changed", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        for obj in queryset:
            self._log_change(request, obj.pk, "_deleted", "")
        return super().log_deletions(request, queryset)

    def _log_read(
        self, request: HttpRequest, response: HttpResponse, suffix: str, *, object_id: str = "", detail: str = ""
    ) -> None:
        if request.method == "GET" and response.status_code == 200:
            log_access(
                user=request.user, what=self._what(suffix), path=request.path, object_id=object_id, detail=detail
            )

    def _log_change(self, request: HttpRequest, pk: Any, suffix: str, message: Any) -> None:
        # The change message names the fields changed (``[{"changed": {"fields": ["Role"]}}]``), never values.
        detail = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
        log_access(user=request.user, what=self._what(suffix), path=request.path, object_id=str(pk), detail=detail)

    def _what(self, suffix: str) -> str:
        return f"admin_{self.opts.model_name}{suffix}"


def log_every_admin(site: admin.AdminSite) -> None:
    """Swap every registered ModelAdmin that is not yet access-logged for a subclass that is.

    Called from AccessConfig.ready(), after the admin has imported every app's admin module, so
    Django's own admins (groups), the libraries' (the task queue) and ours are all covered, and the
    apps below `access` need not import it.
    """
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, AccessLoggedAdmin):
            continue
        original = type(model_admin)
        logged = type(original.__name__, (AccessLoggedAdmin, original), {"__module__": original.__module__})
        site.unregister(model)
        site.register(model, logged)


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(AccessLoggedAdmin):
    list_display = ["occurred_at", "user", "role", "what", "case_reference", "object_id"]
    list_filter = ["what", "role"]
    search_fields = ["case_reference", "user__username"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
