"""What the OpenAPI document promises, each kept by the behaviour (the cases Schemathesis found)."""

from types import SimpleNamespace

import pytest

from mekle.api.tests import schemathesis_checks
from mekle.referrals.models import ApiRequestLog
from mekle.testing.api import civil_referral, post_referral


def fields_of(response):
    return [(f["field"], f["code"]) for f in response.json()["error"]["fields"]]


@pytest.fixture
def document(client):
    """The document as served."""
    return client.get("/api/v1/openapi.json").json()


@pytest.mark.parametrize(
    "since", ["", "42", "2026-01-05", "2026-01-05T10:00:00Z", "2016-12-31t23:59:60z", "2026-01-05T10:00:00.5+01:00"]
)
def test_since_takes_a_cursor_an_rfc_3339_date_time_or_a_date(client, keys, since):
    response = client.get("/api/v1/outcomes", {"since": since}, **keys["police"].headers)
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize("since", ["yesterday", "2026-01-05T10:00:00", "2026-13-01", "1" * 19, "2026-02-30T00:00:00Z"])
def test_since_refuses_anything_the_document_does_not_name(client, keys, since):
    response = client.get("/api/v1/outcomes", {"since": since}, **keys["police"].headers)
    assert response.status_code == 422
    assert fields_of(response) == [("since", "invalid_since")]


@pytest.mark.parametrize("limit", ["0", "501", "99999999999999999999999"])
def test_a_limit_outside_the_documented_range_is_refused_by_field(client, keys, limit, document):
    response = client.get("/api/v1/outcomes", {"limit": limit}, **keys["police"].headers, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {"field": "limit", "code": "out_of_range", "message": "Give a number from 1 to 500."}
    ]
    parameters = {p["name"]: p["schema"] for p in document["paths"]["/api/v1/outcomes"]["get"]["parameters"]}
    assert (parameters["limit"]["minimum"], parameters["limit"]["maximum"]) == (1, 500)


def test_unknown_query_parameters_are_refused_on_every_operation(client, keys):
    headers = keys["police"].headers
    outcomes = client.get("/api/v1/outcomes", {"limit": 5, "cursor": "1"}, **headers)
    referral = client.get("/api/v1/referrals/OSL-2026-00001", {"x": "1"}, **headers)
    sent = client.post("/api/v1/referrals?x=1", civil_referral(), content_type="application/json", **headers)
    assert outcomes.status_code == referral.status_code == sent.status_code == 422
    assert fields_of(outcomes) == [("cursor", "extra_forbidden")]
    assert fields_of(referral) == fields_of(sent) == [("x", "extra_forbidden")]


def test_a_body_that_is_not_json_gets_400_invalid_json_as_declared(client, keys, document):
    response = client.post("/api/v1/referrals", "\x00", content_type="application/json", **keys["police"].headers)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"
    assert "400" in document["paths"]["/api/v1/referrals"]["post"]["responses"]


def test_the_document_states_the_national_id_shape_and_links_a_receipt_to_its_referral(document):
    party = document["components"]["schemas"]["PartyIn"]["properties"]["national_id"]
    assert party["pattern"] == "^([0-9]{11})?$"
    links = document["paths"]["/api/v1/referrals"]["post"]["responses"]["201"]["links"]
    assert links["ReadReferral"]["parameters"] == {"reference": "$response.body#/id"}


def test_the_body_example_in_the_document_opens_a_case(client, keys, document):
    example = document["components"]["schemas"]["ReferralIn"]["examples"][0]
    assert post_referral(client, keys["police"], example).status_code == 201
    assert ApiRequestLog.objects.filter(status=201).count() == 1


def _case(mode: str):
    return SimpleNamespace(
        meta=SimpleNamespace(generation=SimpleNamespace(mode=SimpleNamespace(is_positive=mode == "positive")))
    )


def _response(status: int, codes: list[str]):
    body = {"error": {"code": "invalid_request", "message": "", "fields": [{"field": "f", "code": c} for c in codes]}}
    return SimpleNamespace(status_code=status, json=lambda: body)


def test_our_check_lets_valid_data_be_refused_only_for_rules_the_schema_cannot_state():
    check = schemathesis_checks.refusals_of_valid_data_name_a_rule
    assert check(None, _response(422, ["invalid_national_id", "guardian_required"]), _case("positive")) is None
    assert check(None, _response(422, ["string_too_long"]), _case("negative")) is None
    assert check(None, _response(201, []), _case("positive")) is None
    with pytest.raises(AssertionError, match="string_too_long"):
        check(None, _response(422, ["invalid_national_id", "string_too_long"]), _case("positive"))
    with pytest.raises(AssertionError, match="must name the fields"):
        check(None, _response(422, []), _case("positive"))
