"""POST /referrals (send a referral) and GET /referrals/{id} (its status in the referrer's terms)."""

import json
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Path, Router, Status

from mekle.lib.hashing import canonical_json, sha256_hex
from mekle.referrals import selectors
from mekle.referrals.services.api_referrals import ReferralRefused, receive_referral

from .auth import api_key_of
from .errors import error_response, unknown_query_parameters
from .schemas import ErrorOut, ReceiptOut, ReferralIn, ReferralOut

router = Router(tags=["referrals"])

# A case's reference: the office's code, the year and a running number (cases.services.next_reference).
REFERENCE_PATTERN = r"^[A-Za-z0-9]{1,3}-[0-9]{4}-[0-9]{5,}$"
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut, 429: ErrorOut}


# The receipt's id reads the referral: an OpenAPI link (tools such as Schemathesis follow it).
READ_IT = {
    "ReadReferral": {
        "operationId": "mekle_api_referrals_read_referral",
        "parameters": {"reference": "$response.body#/id"},
    }
}


@router.post(
    "",
    response={201: ReceiptOut, **ERRORS},
    summary="Send a referral",
    openapi_extra={"responses": {201: {"links": READ_IT}}},
)
def send_referral(
    request: HttpRequest,
    payload: ReferralIn,
    idempotency_key: Annotated[str, Header(alias="Idempotency-Key", max_length=200)] = "",
) -> HttpResponse | Status[dict[str, object]]:
    """Open a case in `received`. With an `Idempotency-Key`, a retry returns the first answer unchanged."""
    if unknown := unknown_query_parameters(request):
        return unknown
    body_hash = sha256_hex(canonical_json(json.loads(request.body)))
    try:
        received = receive_referral(
            api_key=api_key_of(request),
            request=payload.to_request(),
            idempotency_key=idempotency_key,
            body_hash=body_hash,
        )
    except ReferralRefused as refused:
        fields = [{"field": p.field, "code": p.code, "message": p.message} for p in refused.problems]
        return error_response(refused.status, refused.code, refused.message, fields)
    return Status(received.status, received.body)


@router.get(
    "/{reference}",
    response={200: ReferralOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Read a referral's status",
)
def read_referral(
    request: HttpRequest, reference: Annotated[str, Path(pattern=REFERENCE_PATTERN, examples=["OSL-2026-00042"])]
) -> HttpResponse | dict[str, object]:
    """Status and outcome of a case this organisation referred; 404 for any other."""
    if unknown := unknown_query_parameters(request):
        return unknown
    case = selectors.referral_for(api_key_of(request), reference)
    if case is None:
        return error_response(404, "not_found", _("No referral from your organisation has this id."))
    return selectors.referral_summary(case)
