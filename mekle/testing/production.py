"""The production set-up the README documents, for tests that must see what production sees.

`documented_environment` reads the environment block of the README's "Production" section (the
one that starts `# /etc/mekle/env`), so the tests check what the README tells people to set, not a
copy that could drift from it. `settings_for` runs mekle/settings.py under such an environment and
returns what it makes of it, without touching this process's settings.
"""

import os
import runpy
import secrets
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
ENVIRONMENT_MARKER = "# /etc/mekle/env"
PUBLIC_HOST = "mekle.example.no"

# The settings that decide what a response tells the browser: what `production_client` applies.
HTTPS_SETTINGS = (
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "MEKLE_PUBLIC_URL",
)


def documented_environment(secrets_dir: Path) -> dict[str, str]:
    """The README's production environment; each `NAME_FILE` secret is written to a file in *secrets_dir*."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if ENVIRONMENT_MARKER not in readme:
        raise AssertionError(f"README.md has no block starting {ENVIRONMENT_MARKER!r} (the production environment)")
    block = readme.split(ENVIRONMENT_MARKER, 1)[1].split("```", 1)[0]
    environment = {}
    for line in block.splitlines()[1:]:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.partition("=")
        if not equals:
            raise AssertionError(f"not NAME=value in the README's production environment: {line!r}")
        value = value.strip().strip('"')
        if name.endswith("_FILE"):
            secret = secrets_dir / name.lower()
            secret.write_text(secrets.token_urlsafe(50) + "\n")
            value = str(secret)
        environment[name] = value
    return environment


def settings_for(environment: dict[str, str]) -> dict[str, Any]:
    """The settings mekle/settings.py makes of *environment* (and of nothing else in os.environ)."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "MEKLE_VAR_DIR") if name in os.environ}
    with mock.patch.dict(os.environ, {**keep, **environment}, clear=True):
        namespace = runpy.run_path(str(ROOT / "mekle" / "settings.py"))
    return {name: value for name, value in namespace.items() if name.isupper()}
