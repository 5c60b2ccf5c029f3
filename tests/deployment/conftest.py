"""A test client that talks to Mekle as its users do in production: over HTTPS through the proxy."""

import pytest
from django.test import Client

from mekle.testing.production import HTTPS_SETTINGS, PUBLIC_HOST, documented_environment, settings_for


@pytest.fixture
def production(settings, tmp_path):
    """This process's settings, with what the README's production environment makes of HTTPS."""
    values = settings_for(documented_environment(tmp_path))
    for name in HTTPS_SETTINGS:
        setattr(settings, name, values[name])
    return values


@pytest.fixture
def https_client(production):
    """Requests as nginx passes them on: the public Host, and X-Forwarded-Proto: https."""
    return Client(HTTP_HOST=PUBLIC_HOST, headers={"X-Forwarded-Proto": "https"})
