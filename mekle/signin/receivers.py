"""Django's sign-in signals into the staff audit log and the throttle's counts.

Keeping the list of staff sessions, and ending sessions when a password, the second factors or
the account change.

A password change is seen in the save of the user, whichever path made it (the Django admin, a
password-change page, ``set_password`` and ``save`` in a shell): the hash before and after are
compared. A person changing their own password keeps the session they did it in; every other
session of theirs ends. A deactivated account loses every session.
"""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp.models import Device

from mekle.accounts.models import Role, User
from mekle.lib.http import client_ip
from mekle.signin import audit, selectors, services
from mekle.signin.middleware import (
    as_time,
    current_request,
    mark_signed_in,
    now_stamp,
    staff_member,
    verified_device_key,
)
from mekle.signin.models import StaffAuditKind
from mekle.signin.signals import factors_changed


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


_PENDING = "_mekle_sessions_to_end"  # set on the instance by pre_save, for post_save
PASSWORDLESS = {Role.PARTY, Role.JOURNAL}  # sign in by link or ID-porten, never into a staff session


@receiver(user_logged_in, dispatch_uid="signin.start_staff_session")
def start_staff_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)  # a sign-in sent by hand may come without one
    if request is None or session is None or not isinstance(user, User) or not user.is_staff_member:
        return
    if session.session_key is None:
        session.save()  # a session flushed for another user's sign-in has no key until it is saved
    stamp = now_stamp()
    record = services.start_session(
        user=user,
        session_key=str(session.session_key),
        ip_address=client_ip(request) or None,
        user_agent=request.headers.get("user-agent", ""),
        now=as_time(stamp),
    )
    mark_signed_in(session, record, stamp)


@receiver(user_logged_out, dispatch_uid="signin.forget_staff_session")
def forget_staff_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None and isinstance(user, User) and user.is_staff_member:
        services.record_sign_out(user=user, session_key=session.session_key, request=request)


@receiver(pre_save, sender=User, dispatch_uid="signin.notice_password_or_deactivation")
def notice_password_or_deactivation(
    sender: type[User], instance: User, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if raw or instance._state.adding or instance.pk is None or instance.role in PASSWORDLESS:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return  # e.g. the last_login written at every sign-in
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["is_active"] and not instance.is_active:
        instance.__dict__[_PENDING] = services.DEACTIVATED
    elif before["password"] != instance.password:
        instance.__dict__[_PENDING] = services.PASSWORD_CHANGED


@receiver(post_save, sender=User, dispatch_uid="signin.end_sessions_after_change")
def end_sessions_after_change(sender: type[User], instance: User, created: bool = False, **kwargs: Any) -> None:
    why = instance.__dict__.pop(_PENDING, None)
    if why is None:
        return
    request = current_request()
    actor = staff_member(request) if request is not None else None
    if why == services.DEACTIVATED:
        services.end_all_sessions(user=instance, why=why, actor=actor, request=request)
        return
    audit.record(StaffAuditKind.PASSWORD_CHANGED, request=request, user=instance, actor=_other(actor, instance))
    services.end_other_sessions(
        user=instance, keep_session_key=_session_in_use(request, instance), why=why, actor=actor, request=request
    )


@receiver(factors_changed, dispatch_uid="signin.end_sessions_after_factor_change")
def end_sessions_after_factor_change(
    sender: Any, user: User, actor: Any = None, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    services.end_other_sessions(
        user=user,
        keep_session_key=_session_in_use(request, user),
        why=services.FACTORS_CHANGED,
        actor=actor if isinstance(actor, User) else None,
        request=request,
    )


def _session_in_use(request: HttpRequest | None, user: User) -> str | None:
    """The session of the request, when it is `user`'s own (an administrator's is not theirs to keep)."""
    if request is None or getattr(request.user, "pk", None) != user.pk:
        return None
    return request.session.session_key


def _other(actor: User | None, user: User) -> User | None:
    return actor if actor is not None and actor.pk != user.pk else None


@receiver(post_save, dispatch_uid="signin.forget_verified_device_on_save")
@receiver(post_delete, dispatch_uid="signin.forget_verified_device_on_delete")
def forget_verified_device(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Any second factor saved or deleted is read again from the database on the next request
    (mekle.signin.middleware.KeptDeviceOTPMiddleware); again at commit, in case a request kept the
    old row while the change was not yet visible to it."""
    if not isinstance(instance, Device):
        return
    key = verified_device_key(instance.persistent_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
