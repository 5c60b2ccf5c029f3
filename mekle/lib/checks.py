"""System checks of the deployment (registered in LibConfig.ready)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from .keys import MISSING_KEY, keys_missing


@register(Tags.security, deploy=True)
def check_secret_key_from_environment(app_configs: object = None, **kwargs: object) -> list[Error]:
    """`check --deploy` fails when a production-shaped set-up has no SECRET_KEY of its own."""
    if keys_missing(settings):
        return [Error(MISSING_KEY, id="mekle.E001")]
    return []


@register(Tags.compatibility)
def check_email_transport(app_configs: object = None, **kwargs: object) -> list[Error]:
    """STARTTLS and implicit TLS exclude each other: say so at start-up, not at the first e-mail."""
    if settings.EMAIL_USE_TLS and settings.EMAIL_USE_SSL:
        return [
            Error(
                "EMAIL_USE_TLS and EMAIL_USE_SSL are both set: choose one "
                "(EMAIL_USE_TLS for STARTTLS, usually port 587; EMAIL_USE_SSL for implicit TLS, port 465).",
                id="mekle.E002",
            )
        ]
    return []
