"""The task queue in the Django admin, for administrators: failed and stuck tasks, and a retry.

django-tasks-db's own read-only admin, with a "needs attention" filter (failed, or RUNNING under a
worker whose lease ran out) and a retry action; only `rules.can_manage_tasks` opens it. The
arguments are ids, never names, so the page shows no case or person record.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from mekle.lib import clock

from . import queue
from .rules import can_manage_tasks


class NeedsAttention(admin.SimpleListFilter):
    title = _("needs attention")
    parameter_name = "attention"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("failed", _("Failed")), ("stuck", _("Stuck (its worker stopped)")), ("any", _("Failed or stuck"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        stuck_ids = [result.pk for result in queue.stuck_tasks(clock.now())]
        choices = {
            "failed": Q(status=queue.FAILED),
            "stuck": Q(pk__in=stuck_ids),
            "any": Q(status=queue.FAILED) | Q(pk__in=stuck_ids),
        }
        chosen = choices.get(self.value() or "")
        return queryset if chosen is None else queryset.filter(chosen)


class TaskResultAdmin(DBTaskResultAdmin):
    list_filter = (NeedsAttention, "status", "queue_name")  # type: ignore[assignment]
    actions = ["retry"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_manage_tasks(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_tasks(request.user)

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return can_manage_tasks(request.user)

    @admin.action(description=_("Retry the selected failed or stuck tasks"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[DBTaskResult[Any, Any]]) -> None:
        retried = sum(queue.retry_task(result) for result in queryset)
        skipped = queryset.count() - retried
        self.message_user(
            request,
            ngettext("%d task will run again.", "%d tasks will run again.", retried) % retried,
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%d task was neither failed nor stuck and was left alone.",
                    "%d tasks were neither failed nor stuck and were left alone.",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)
