"""Notices to staff: marking one seen from the start page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mekle.access.lookups import get_notice_for
from mekle.notices import services as notice_services

from .common import run_and_report, workspace_view


@require_POST
@workspace_view
def mark_notice_seen(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = get_notice_for(request.user, notice_id)
    run_and_report(
        request, notice_services.mark_notice_seen, actor=request.user, notice=notice, done=_("Marked as seen.")
    )
    return redirect("workspace:home")
