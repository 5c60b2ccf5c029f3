"""Reads about a person's second factors: which they have, and how many recovery codes are left."""

from base64 import b32encode
from typing import Any

from django_otp.oath import TOTP
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
    return bool(
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
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def code_devices_for(user: Any) -> list[Any]:
    """The devices a typed code is checked against (authenticator apps first, then recovery codes)."""
    return [
        *TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
        *StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
    ]


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one if this one was used already (a code works once).
    For the demo's `demo_code` command and the tests; a real person reads it off their phone."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        totp.time = (device.last_t + 1) * device.step + device.t0
    return f"{totp.token():0{device.digits}d}"


def secret_of(device: TOTPDevice) -> str:
    """The app's secret as an authenticator app takes it by hand (base32)."""
    return b32encode(device.bin_key).decode()


def app_of(user: Any) -> TOTPDevice | None:
    """The person's first confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
