"""Reads about a person's second factors: which they have, and how many recovery codes are left."""

from typing import Any

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mekle.signin.models import PasskeyDevice

# The kinds of factor a person signs in with, by the name the pages use in their URLs.
FACTOR_MODELS: dict[str, Any] = {"totp": TOTPDevice, "passkey": PasskeyDevice}


def factors_for(user: Any) -> list[Any]:
    """The person's confirmed authenticator apps and passkeys, oldest first (recovery codes apart)."""
    factors = [*TOTPDevice.objects.filter(user=user, confirmed=True), *PasskeyDevice.objects.filter(user=user)]
    return sorted(factors, key=lambda device: (device.created_at or device.pk, device.pk))


def has_factor(user: Any) -> bool:
    """Whether the person has enrolled: an authenticator app or a passkey (codes alone do not count)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or PasskeyDevice.objects.filter(user=user, confirmed=True).exists()
    )


def factor_kind(device: Any) -> str:
    """The URL name of a factor's kind: "totp" or "passkey"."""
    return "passkey" if isinstance(device, PasskeyDevice) else "totp"


def own_factor(user: Any, kind: str, pk: int) -> Any | None:
    """One of the person's own factors, or None (someone else's is None too, as if it did not exist)."""
    model = FACTOR_MODELS.get(kind)
    if model is None:
        return None
    return model.objects.filter(user=user, pk=pk, confirmed=True).first()


def passkeys_for(user: Any) -> list[PasskeyDevice]:
    return list(PasskeyDevice.objects.filter(user=user, confirmed=True).order_by("pk"))


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def code_devices_for(user: Any) -> list[Any]:
    """The devices a typed code is checked against (authenticator apps first, then recovery codes)."""
    return [
        *TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
        *StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
    ]
