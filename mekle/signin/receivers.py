"""Django's sign-in signals into the staff audit log and the throttle's counts."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from mekle.accounts.models import User
from mekle.lib.http import client_ip
from mekle.signin import audit, selectors, services
from mekle.signin.models import StaffAuditKind


@receiver(user_login_failed, dispatch_uid="signin.count_failed_sign_in")
def count_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """A wrong name or password at a sign-in page (Django has already masked the password; only
    the name is read). Failures of the portal's links carry no user name and are not counted here."""
    username = credentials.get("username")
    if request is None or not isinstance(username, str):
        return
    address = client_ip(request)
    if selectors.lockout_refusing(username=username, ip_address=address):
        services.record_refused_sign_in(username=username, ip_address=address, path=request.path)
    else:
        services.record_failed_sign_in(username=username, ip_address=address, path=request.path)


@receiver(user_logged_in, dispatch_uid="signin.record_sign_in")
def record_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.record(StaffAuditKind.SIGN_IN, request=request, user=user)
    services.clear_failures_after_sign_in(username=user.get_username(), ip_address=client_ip(request))


@receiver(user_logged_out, dispatch_uid="signin.record_sign_out")
def record_sign_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    # Signing out follows deleting one's own account (a cooperation journal): keep the name only.
    still_there = User.objects.filter(pk=user.pk).exists()
    audit.record(
        StaffAuditKind.SIGNED_OUT, request=request, user=user if still_there else None, username=user.get_username()
    )
