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
