"""Schemathesis against the OpenAPI document the API serves, with every check (``--checks all``).

The document is read over WSGI from /api/v1/openapi.json, and the calls go through the real WSGI
application, with schemathesis.toml's settings and its check (schemathesis_checks.py), as the CLI
run described there.
"""

import tomllib
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, is_check_class, load_all_checks

from mekle.referrals.models import ApiKey, ApiRequestLog
from mekle.referrals.services.api_keys import hash_key
from mekle.testing.api import make_world

from . import schemathesis_checks

CONFIG = Path(__file__).resolve().parents[3] / "schemathesis.toml"
# The police key's secret, sent as the CLI's `-H` would: Schemathesis then knows the header is the
# caller's and leaves it alone, rather than a case without it getting it back behind its back.
SECRET = "mk_schemathesis-police-key"
load_all_checks()
ALL_CHECKS = [check for check in CHECKS.get_all() if not is_check_class(check)]


# Django's own WSGI handler, not mekle.wsgi: that entry point refuses to start a production-shaped
# set-up (DEBUG off, DATABASE_URL set) without SECRET_KEY, which is what the PostgreSQL CI run is.
# Reading the document touches no database (a call without a key writes no row), so it is read here.
HEADERS = {"Authorization": f"Bearer {SECRET}"}
settings_ = tomllib.loads(CONFIG.read_text()) | {"headers": HEADERS}
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=schemathesis.Config.from_dict(settings_)
)


@pytest.fixture
def police_key(office_a, office_b, settings):
    settings.MEKLE_API_REQUESTS_PER_MINUTE = 100_000
    settings.MEKLE_API_BAD_KEY_CALLS_PER_MINUTE = 100_000  # the checks send calls without a key on purpose
    # As Django's test client does: the WSGI app would otherwise close the test's connection (PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    police = make_world(office_a, office_b)["police"].api_key
    ApiKey.objects.filter(pk=police.pk).update(key_hash=hash_key(SECRET))
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_check_runs_including_ours():
    names = {check.__name__ for check in ALL_CHECKS}
    assert {"positive_data_acceptance", "negative_data_rejection", "status_code_conformance"} <= names
    assert schemathesis_checks.refusals_of_valid_data_name_a_rule in ALL_CHECKS


# Fuzzing through the whole WSGI stack: `make test-slow`.
@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_openapi_promises(case, police_key):
    case.call_and_validate(headers=HEADERS, checks=ALL_CHECKS)


class FollowingLinks(schema.as_state_machine()):  # type: ignore[misc]  # built at run time from the schema
    """Sequences of calls along the document's links: a referral sent, then read by its receipt's id."""

    def get_call_kwargs(self, case):
        return {"headers": HEADERS}

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(response, checks=ALL_CHECKS, headers=HEADERS, transport_kwargs=kwargs)


@pytest.mark.slow
def test_a_sent_referral_reads_as_the_document_says(police_key):
    FollowingLinks.run(settings=settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck)))
    read = ApiRequestLog.objects.filter(method="GET", path__startswith="/api/v1/referrals/", status=200)
    assert read.exists()  # the link was followed to a referral that exists
