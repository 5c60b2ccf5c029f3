"""Every API endpoint against every kind of key: only the right organisation, in scope, gets through.

Keys: `police` (Oslo, every case type; sent the referral), `revoked`, `other_org` (a school),
`other_office` (police, Bergen only), `civil_only` (police, Oslo, civil cases only), and no key.
"""

import pytest

from mekle.testing.api import criminal_referral, make_world, post_referral

KEYS = ["police", "none", "revoked", "other_org", "other_office", "civil_only"]

EXPECTED = {
    "send_referral": {
        "police": 201,
        "none": 401,
        "revoked": 401,
        "other_org": 422,  # a school may not refer a criminal case (the staff form's rule, now the API's too)
        "other_office": 403,
        "civil_only": 403,
    },
    "read_referral": {
        "police": 200,
        "none": 401,
        "revoked": 401,
        "other_org": 404,
        "other_office": 404,
        "civil_only": 200,
    },
    "list_outcomes": {
        "police": 200,
        "none": 401,
        "revoked": 401,
        "other_org": 200,
        "other_office": 200,
        "civil_only": 200,
    },
}
MATRIX_ROUTES = {f"api-v1:{name}" for name in EXPECTED}


@pytest.fixture
def world(office_a, office_b):
    keys = make_world(office_a, office_b)
    reference = post_referral_ok(keys)
    return keys, reference


def post_referral_ok(keys):
    from django.test import Client

    response = post_referral(Client(), keys["police"], criminal_referral(referrer_reference="FIRST"))
    assert response.status_code == 201
    return response.json()["id"]


def call(client, endpoint, key, reference):
    headers = key.headers if key else {}
    if endpoint == "send_referral":
        return post_referral(client, key, criminal_referral())
    if endpoint == "read_referral":
        return client.get(f"/api/v1/referrals/{reference}", **headers)
    return client.get("/api/v1/outcomes", **headers)


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
@pytest.mark.parametrize("who", KEYS)
def test_api_matrix(client, world, endpoint, who):
    keys, reference = world
    response = call(client, endpoint, keys.get(who), reference)
    assert response.status_code == EXPECTED[endpoint][who], response.content
    if response.status_code >= 400:
        assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_another_organisation_never_sees_the_first_ones_outcomes(client, world):
    keys, _reference = world
    assert client.get("/api/v1/outcomes", **keys["other_org"].headers).json()["outcomes"] == []
