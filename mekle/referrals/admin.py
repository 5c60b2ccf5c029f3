"""Administrators manage referring organisations and their API keys here; a key is shown once, then only its hash is kept.

Outcome deliveries name cases, so they are read in the workspace, not here (issue 12).
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ApiKey, ApiRequestLog, ReferrerOrganisation
from .services import api_keys


@admin.register(ReferrerOrganisation)
class ReferrerOrganisationAdmin(admin.ModelAdmin[ReferrerOrganisation]):
    list_display = ["name", "kind", "webhook_url"]
    search_fields = ["name"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    list_display = ["prefix", "organisation", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["organisation"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    filter_horizontal = ["offices"]
    actions = ["rotate", "revoke"]

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        issued = api_keys.issue_api_key(
            organisation=obj.organisation, offices=[], case_types=obj.case_types, api_key=obj
        )
        messages.warning(
            request, _("The new API key is %(key)s. Copy it now: it is not shown again.") % {"key": issued.secret}
        )

    @admin.action(description=gettext_lazy("Rotate: new key, old one stops in 7 days"))
    def rotate(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        for key in queryset:
            issued = api_keys.rotate_api_key(api_key=key)
            messages.warning(
                request, _("The new API key is %(key)s. Copy it now: it is not shown again.") % {"key": issued.secret}
            )

    @admin.action(description=gettext_lazy("Revoke now"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        for key in queryset:
            api_keys.revoke_api_key(api_key=key)


@admin.register(ApiRequestLog)
class ApiRequestLogAdmin(admin.ModelAdmin[ApiRequestLog]):
    list_display = ["created_at", "api_key", "method", "path", "status", "duration_ms"]
    list_filter = ["status"]
