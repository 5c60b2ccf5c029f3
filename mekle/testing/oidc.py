"""A real OpenID provider for tests (oidc-provider-mock on 127.0.0.1), and the settings that point Mekle at it.

The Django test client starts the flow; `requests` plays the browser at the provider (it submits
the authorisation form with a subject); the client then takes the redirect back to /oidc/callback/.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import oidc_provider_mock
import requests
import werkzeug.serving

from mekle.portal.oidc import PortalOIDCBackend

BACKEND = f"{PortalOIDCBackend.__module__}.{PortalOIDCBackend.__qualname__}"


@contextmanager
def running_provider() -> Iterator[str]:
    """The provider's base URL, while it runs in a thread on a free port."""
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(require_nonce=True), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def use_provider(settings: Any, provider: str) -> None:
    """Switch ID-porten on in `settings` (pytest-django's fixture), pointed at `provider`."""
    settings.MEKLE_OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    settings.OIDC_RP_CLIENT_ID = "mekle-test"
    settings.OIDC_RP_CLIENT_SECRET = "mekle-test-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/oauth2/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    # The mock signs without a `kid` header (ID-porten sends one); its JWKS holds its one key.
    settings.OIDC_VERIFY_KID = False


def person_at_provider(provider: str, sub: str, **claims: Any) -> None:
    """Who the provider says `sub` is: the id_token's claims (`pid`, `acr`)."""
    response = requests.put(f"{provider}/users/{sub}", json=claims, timeout=5)
    assert response.status_code == 204, response.text


def authorise(client: Any, authorize_url: str, sub: str) -> Any:
    """Let the provider authorise `sub` at `authorize_url`, and follow its redirect back to the callback."""
    answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert (back.netloc, back.path) == ("testserver", "/oidc/callback/")
    return client.get(back.path, dict(parse_qsl(back.query)))


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))
