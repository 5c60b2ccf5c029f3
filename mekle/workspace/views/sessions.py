"""My sessions: where the signed-in member of staff is signed in, and ending the others."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from mekle.access import rules
from mekle.access.lookups import get_own_session_for
from mekle.signin import selectors as session_selectors
from mekle.signin import services as session_services
from mekle.signin.models import StaffSession

from .common import require, run_and_report, staff_user


def own_sessions_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, as a member of staff (the Django admin's people too, who have no workspace)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require(rules.can_manage_own_sessions(request.user))
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@own_sessions_view
def my_sessions(request: HttpRequest) -> HttpResponse:
    in_use = request.session.session_key
    sessions = sorted(
        session_selectors.active_sessions_of(staff_user(request)),
        key=lambda s: s.session_key != in_use,  # the one in use first, then the most recently used
    )
    rows = [{"session": s, "device": _device(s), "in_use": s.session_key == in_use} for s in sessions]
    context = {
        "nav": "sessions",
        "rows": rows,
        "others": sum(not row["in_use"] for row in rows),
        "idle_minutes": settings.MEKLE_STAFF_SESSION_IDLE_MINUTES,
        "session_hours": settings.MEKLE_STAFF_SESSION_MAX_HOURS,
    }
    return render(request, "workspace/my_sessions.html", context)


def _device(session: StaffSession) -> str:
    """A name the person knows the browser by ("Firefox on Linux"), from its User-Agent at sign-in."""
    if session.browser and session.system:
        return _("%(browser)s on %(system)s") % {"browser": session.browser, "system": session.system}
    return session.browser or session.system or _("Unknown browser")


@require_POST
@own_sessions_view
def end_session(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_own_session_for(request.user, session_id)
    run_and_report(
        request,
        session_services.end_session,
        actor=request.user,
        session=session,
        current_session_key=request.session.session_key,
        request=request,
        done=_("The session was ended. That browser is signed out."),
    )
    return redirect("workspace:my_sessions")


@require_POST
@own_sessions_view
def end_other_sessions(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    ended = session_services.end_other_sessions(
        user=user,
        keep_session_key=request.session.session_key,
        why=session_services.ALL_OTHERS_BY_THE_PERSON,
        actor=user,
        request=request,
    )
    if ended:
        done = ngettext("%(count)s other session was ended.", "%(count)s other sessions were ended.", ended) % {
            "count": ended
        }
    else:
        done = _("You had no other sessions to end.")
    messages.success(request, done)
    return redirect("workspace:my_sessions")
