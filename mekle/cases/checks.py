"""System checks of the timeline's set-up (registered in CasesConfig.ready)."""

from django.core.checks import Error, Tags, register

from .checkpoints import MISSING_KEY, production_key_missing


@register(Tags.security, deploy=True)
def check_checkpoint_signing_key(app_configs: object = None, **kwargs: object) -> list[Error]:
    """`check --deploy` fails when a production-shaped set-up would sign checkpoints with a development key."""
    return [Error(MISSING_KEY, id="cases.E001")] if production_key_missing() else []
