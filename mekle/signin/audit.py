"""Writing the staff audit log (models.StaffAuditEntry): one function, called by the sign-in
pages, the second-factor pages, the session list, the lockout handler and the refusal handler."""

from typing import Any

from django.http import HttpRequest

from mekle.lib.http import client_ip
from mekle.signin.models import StaffAuditEntry, StaffAuditKind


def record(
    kind: StaffAuditKind,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    actor: Any = None,
    username: str = "",
    detail: str = "",
    ip_address: str | None = None,
    path: str = "",
) -> StaffAuditEntry:
    """Write one entry. Never pass a password, a code or a token in `detail`.

    `ip_address` and `path` are for a caller that has them without the request (a service)."""
    if user is not None and not getattr(user, "pk", None):
        user = None
    if user is not None and not username:
        username = user.get_username()
    return StaffAuditEntry.objects.create(
        kind=kind,
        user=user,
        actor=actor if getattr(actor, "pk", None) else None,
        username=username[:150],
        ip_address=(client_ip(request) or None) if request is not None else ip_address,
        path=(request.path if request is not None else path)[:500],
        detail=detail[:500],
    )
