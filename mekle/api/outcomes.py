"""GET /outcomes: the organisation's outcomes in order, for systems that poll instead of taking webhooks."""

import datetime as dt
import re
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import AfterValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from mekle.referrals import selectors

from .auth import api_key_of
from .errors import unknown_query_parameters
from .schemas import ErrorOut, OutcomePage

router = Router(tags=["outcomes"])

CURSOR = re.compile(r"[0-9]{1,18}")  # an outcome's id: within a 64-bit integer
# RFC 3339, as the schema's `date-time` format: Python reads it once `t`/`z` are upper case and a leap second is :59.
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_LIMIT = 500


def since_moment(since: str) -> dt.datetime | None:
    """The moment an RFC 3339 date-time or a date (midnight UTC) names; None for anything else."""
    value = since.upper()
    try:
        if DATE_TIME.fullmatch(value):
            return dt.datetime.fromisoformat(re.sub(r"(T\d{2}:\d{2}):60", r"\1:59", value))
        if DATE.fullmatch(value):
            return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), tzinfo=dt.UTC)
    except ValueError:
        return None
    return None


def _check_since(since: str) -> str:
    if since and not CURSOR.fullmatch(since) and since_moment(since) is None:
        raise PydanticCustomError("invalid_since", _("Give a cursor or an ISO 8601 timestamp."))
    return since


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise PydanticCustomError("out_of_range", _("Give a number from 1 to 500."))
    return limit


Since = Annotated[
    str,
    AfterValidator(_check_since),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "maxLength": 0},
                {"type": "string", "pattern": f"^{CURSOR.pattern}$"},
                {"type": "string", "format": "date-time"},
                {"type": "string", "format": "date"},
            ],
            "description": "A `next_cursor` from an earlier page, or an RFC 3339 date-time or a date (UTC): "
            "the outcomes after it. Empty: from the first.",
        }
    ),
]
Limit = Annotated[int, AfterValidator(_check_limit), Field(json_schema_extra={"minimum": 1, "maximum": MAX_LIMIT})]


class OutcomeQuery(Schema):
    since: Since = ""
    limit: Limit = 100


def _after_id(request: HttpRequest, since: str) -> int:
    """The cursor the outcomes come after: `since` itself, or the last outcome before the moment it names."""
    if not since or CURSOR.fullmatch(since):
        return int(since or 0)
    moment = since_moment(since)
    assert moment is not None  # _check_since
    return selectors.last_outcome_before(api_key_of(request).organisation, moment)


@router.get(
    "", response={200: OutcomePage, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut}, summary="List outcomes"
)
def list_outcomes(request: HttpRequest, filters: Query[OutcomeQuery]) -> HttpResponse | dict[str, object]:
    """Outcomes after `since` (a cursor from `next_cursor`, or an ISO 8601 timestamp), oldest first, at most `limit`."""
    if unknown := unknown_query_parameters(request, OutcomeQuery.model_fields):
        return unknown
    after_id = _after_id(request, filters.since)
    deliveries = selectors.outcomes_for(api_key_of(request).organisation, after_id=after_id, limit=filters.limit)
    cursor = deliveries[-1].pk if deliveries else after_id
    return {"outcomes": [d.body for d in deliveries], "next_cursor": str(cursor)}
