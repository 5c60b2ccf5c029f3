"""The secret key: from the environment in production, else a random one kept in var/secret_key.

Settings import this module before Django is set up, so `local_secret_key` uses nothing of
Django's. A fresh clone needs no environment (the first start writes a key, every later one reads
it), but a production-shaped process (DEBUG off, `DATABASE_URL` set) must be given `SECRET_KEY`:
a key in a file on one machine would differ between machines and vanish with a redeploy, which
signs every user out and breaks every link signed with it. `refuse_to_serve_without_keys` stops
the WSGI/ASGI entry points, and the `deploy` system check (mekle/lib/checks.py) stops `check --deploy`.
"""

import contextlib
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

MISSING_KEY = (
    "SECRET_KEY is not set. With DEBUG off and DATABASE_URL set this is a production set-up, which must not "
    "run on the key generated in var/secret_key for development: set SECRET_KEY (or SECRET_KEY_FILE) to a "
    'long random value, e.g. from `python -c "import secrets; print(secrets.token_urlsafe(50))"`.'
)


def local_secret_key(path: Path) -> str:
    """The key kept in *path*, written there once (mode 0600) if it does not exist yet.

    Two processes starting at once on a fresh clone (pytest's workers, runserver's reloader) must
    end with the same key: each writes a complete key to a file of its own, then links it to *path*,
    which fails if *path* exists already; whoever loses reads the winner's key.
    """
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as file:
                file.write(secrets.token_urlsafe(50) + "\n")
            with contextlib.suppress(FileExistsError):  # another process was first: its key is the one
                os.link(draft, path)
        finally:
            draft.unlink()
    key = path.read_text().strip()
    if not key:
        raise ImproperlyConfigured(f"{path} is empty: delete it to have a new key generated, or set SECRET_KEY.")
    return key


def keys_missing(settings: object) -> bool:
    """Whether a production-shaped set-up (DEBUG off, DATABASE_URL set) runs without SECRET_KEY."""
    return (
        not getattr(settings, "DEBUG", False)
        and bool(getattr(settings, "DATABASE_URL", ""))
        and not getattr(settings, "MEKLE_SECRET_KEY_FROM_ENVIRONMENT", False)
    )


def refuse_to_serve_without_keys() -> None:
    """Called by mekle/wsgi.py and mekle/asgi.py before they build the application."""
    from django.conf import settings

    if keys_missing(settings):
        raise ImproperlyConfigured(MISSING_KEY)
