"""POST /api/v1/referrals and GET /api/v1/referrals/{id}: the happy path, validation, scope, idempotency."""

import datetime as dt

import pytest
from django.utils import translation

from mekle.cases.models import Case
from mekle.parties.models import Consent
from mekle.referrals.models import ApiRequestLog
from mekle.testing.api import civil_referral, criminal_referral, post_referral


def errors_of(response):
    return {f["field"]: f["code"] for f in response.json()["error"]["fields"]}


def test_a_referral_opens_a_received_case_with_its_parties(client, keys):
    response = post_referral(client, keys["police"], civil_referral())
    assert response.status_code == 201, response.json()
    case = Case.objects.get(reference=response.json()["id"])
    assert case.status == "received"
    assert case.referrer_name == "Oslo politidistrikt"
    assert case.referrer_reference == "SKOLE-1"
    assert sorted(case.parties.values_list("full_name", flat=True)) == ["Kari Nordmann", "Ola Nordmann"]


def test_a_criminal_referral_records_consent_collected_by_the_police(client, keys):
    response = post_referral(client, keys["police"], criminal_referral())
    assert response.status_code == 201, response.json()
    case = Case.objects.get(reference=response.json()["id"])
    assert case.referrer_decision_date is not None
    emil = case.parties.get(full_name="Emil Olsen")
    assert emil.guardians.get().full_name == "Hanne Olsen"
    assert set(Consent.objects.filter(party__case=case).values_list("method", flat=True)) == {"via_police"}
    assert Consent.objects.filter(party__case=case).count() == 3  # two parties and the guardian


def test_criminal_referral_without_decision_or_police_consent_names_the_fields(client, keys):
    body = criminal_referral(decision_date=None, referrer_reference="")
    body["parties"][0]["consent_collected_by_police"] = False
    response = post_referral(client, keys["police"], body)
    assert response.status_code == 422
    assert errors_of(response) == {
        "decision_date": "required",
        "referrer_reference": "required",
        "parties[0].consent_collected_by_police": "consent_required",
    }
    assert not Case.objects.exists()


def test_invalid_national_id_future_date_and_unknown_field_are_refused_by_field(client, keys):
    body = criminal_referral(decision_date=(dt.date.today() + dt.timedelta(days=1)).isoformat(), extra="x")
    body["parties"][0]["national_id"] = "01010112345"
    response = post_referral(client, keys["police"], body)
    assert response.status_code == 422
    assert errors_of(response) == {
        "decision_date": "date_in_future",
        "parties[0].national_id": "invalid_national_id",
        "extra": "extra_forbidden",
    }


def test_a_valid_national_id_is_kept(client, keys):
    body = civil_referral()
    body["parties"][0]["national_id"] = "15076500565"
    response = post_referral(client, keys["police"], body)
    assert response.status_code == 201, response.json()


def test_a_minor_without_a_guardian_is_refused(client, keys):
    body = civil_referral()
    body["parties"][0]["date_of_birth"] = (dt.date.today() - dt.timedelta(days=14 * 365)).isoformat()
    response = post_referral(client, keys["police"], body)
    assert response.status_code == 422
    assert errors_of(response) == {"parties[0].guardians": "guardian_required"}


def test_errors_are_norwegian_by_default_and_english_on_request(client, keys):
    nb = post_referral(client, keys["police"], {"parties": []})
    en = post_referral(client, keys["police"], {"parties": []}, HTTP_ACCEPT_LANGUAGE="en")
    assert nb.status_code == en.status_code == 422
    assert en.json()["error"]["message"] == "Some fields are not valid."
    assert nb["Content-Language"] == "nb"
    assert en["Content-Language"] == "en"
    with translation.override("nb"):
        assert nb.json()["error"]["message"] == translation.gettext("Some fields are not valid.")
    assert {"office", "case_type", "parties"} <= set(errors_of(en))


def test_out_of_scope_office_and_case_type_are_refused_with_403(client, keys):
    office = post_referral(client, keys["other_office"], civil_referral())
    case_type = post_referral(client, keys["civil_only"], criminal_referral())
    assert office.status_code == case_type.status_code == 403
    assert errors_of(office) == {"office": "office_not_allowed"}
    assert errors_of(case_type) == {"case_type": "case_type_not_allowed"}


@pytest.mark.parametrize("key", [None, "revoked"])
def test_no_key_or_a_revoked_key_gets_401(client, keys, key):
    response = post_referral(client, keys[key] if key else None, civil_referral())
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_api_key"
    assert not Case.objects.exists()


def test_a_retry_with_the_same_idempotency_key_returns_the_same_case(client, keys):
    first = post_referral(client, keys["police"], civil_referral(), HTTP_IDEMPOTENCY_KEY="abc-1")
    second = post_referral(client, keys["police"], civil_referral(), HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert Case.objects.count() == 1


def test_the_same_idempotency_key_with_another_body_is_refused(client, keys):
    post_referral(client, keys["police"], civil_referral(), HTTP_IDEMPOTENCY_KEY="abc-2")
    response = post_referral(
        client, keys["police"], civil_referral(description="Noe annet"), HTTP_IDEMPOTENCY_KEY="abc-2"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_reused"


def test_idempotency_keys_are_per_organisation(client, keys):
    one = post_referral(client, keys["police"], civil_referral(), HTTP_IDEMPOTENCY_KEY="k")
    two = post_referral(client, keys["other_org"], civil_referral(), HTTP_IDEMPOTENCY_KEY="k")
    assert one.json()["id"] != two.json()["id"]


def test_a_referral_reads_in_the_referrers_terms_without_confidential_content(client, keys):
    reference = post_referral(client, keys["police"], civil_referral()).json()["id"]
    response = client.get(f"/api/v1/referrals/{reference}", **keys["police"].headers)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "received"
    assert body["outcome"] is None
    assert "Ola" not in response.content.decode()
    assert "Konflikt" not in response.content.decode()


@pytest.mark.parametrize("key", ["other_org", "revoked"])
def test_another_organisation_or_a_revoked_key_cannot_read_a_referral(client, keys, key):
    reference = post_referral(client, keys["police"], civil_referral()).json()["id"]
    response = client.get(f"/api/v1/referrals/{reference}", **keys[key].headers)
    assert response.status_code == (404 if key == "other_org" else 401)


def test_a_case_not_referred_through_the_api_is_404(client, keys, case):
    response = client.get(f"/api/v1/referrals/{case.reference}", **keys["police"].headers)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("reference", ["x", "OSL-2026-1", "OSL-2026-00001-x"])
def test_a_reference_of_another_shape_is_refused_by_name(client, keys, reference):
    response = client.get(f"/api/v1/referrals/{reference}", **keys["police"].headers)
    assert response.status_code == 422
    assert [f["field"] for f in response.json()["error"]["fields"]] == ["reference"]


def test_a_control_character_in_a_reference_is_400_never_500(client, keys):
    response = client.get("/api/v1/referrals/OSL-2026-%0000001", **keys["police"].headers)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "characters"


def test_too_large_a_body_gets_413(client, keys):
    response = post_referral(client, keys["police"], civil_referral(description="x" * 70_000))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"


def test_a_wrong_method_gets_405_in_the_error_shape(client, keys):
    response = client.delete("/api/v1/referrals", **keys["police"].headers)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_an_unknown_path_gets_404_in_the_error_shape(client, db):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_rate_limit_answers_429_with_retry_after(client, keys, settings):
    settings.MEKLE_API_REQUESTS_PER_MINUTE = 2
    for _ in range(2):
        assert client.get("/api/v1/outcomes", **keys["police"].headers).status_code == 200
    response = client.get("/api/v1/outcomes", **keys["police"].headers)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert client.get("/api/v1/outcomes", **keys["other_org"].headers).status_code == 200


def test_every_call_is_logged_without_its_body(client, keys):
    post_referral(client, keys["police"], civil_referral())
    post_referral(client, None, civil_referral())
    logs = list(ApiRequestLog.objects.order_by("created_at", "pk").values_list("api_key_id", "method", "status"))
    assert logs == [(keys["police"].api_key.pk, "POST", 201), (None, "POST", 401)]


def test_the_openapi_document_and_the_docs_page_are_served_without_a_cdn(client, db):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/referrals" in schema.json()["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in html


def test_the_api_applies_the_staff_forms_rules_to_police_and_school_referrals(client, keys):
    """The doors used to disagree: the API now refuses what the staff form refused (the stricter rules)."""
    civil_without_decision = post_referral(client, keys["police"], civil_referral(decision_date=None))
    criminal_from_a_school = post_referral(client, keys["other_org"], criminal_referral())
    assert civil_without_decision.status_code == criminal_from_a_school.status_code == 422
    assert errors_of(civil_without_decision) == {"decision_date": "required"}
    assert errors_of(criminal_from_a_school) == {"case_type": "referrer_not_allowed"}
    assert not Case.objects.exists()
