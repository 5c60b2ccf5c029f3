"""Schemathesis against our OpenAPI document: no server error, and every response fits the schema.

The document is read from the NinjaAPI itself (loading it over WSGI at collection time would need
the database for the request log); the calls go through the real WSGI application.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from mekle.api.api import api
from mekle.testing.api import make_world

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
# Django's own WSGI handler, not mekle.wsgi: that entry point refuses to start a production-shaped
# set-up (DEBUG off, DATABASE_URL set) without SECRET_KEY, which is what the PostgreSQL CI run is.
schema.app = get_wsgi_application()


@pytest.fixture
def police_headers(office_a, office_b, settings):
    settings.MEKLE_API_REQUESTS_PER_MINUTE = 100_000
    # As Django's test client does: the WSGI app would otherwise close the test's connection (PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Bearer {make_world(office_a, office_b)['police'].secret}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Fuzzing: ten generated calls per operation, each through the whole WSGI stack. `make test-all`.
@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_openapi_promises(case, police_headers):
    case.call_and_validate(headers=police_headers, checks=[not_a_server_error, response_schema_conformance])
