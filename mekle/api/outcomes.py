"""GET /outcomes: the organisation's outcomes in order, for systems that poll instead of taking webhooks."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from mekle.referrals import selectors

from .auth import api_key_of
from .errors import error_response
from .schemas import ErrorOut, OutcomePage

router = Router(tags=["outcomes"])


class OutcomeQuery(Schema):
    since: str = ""
    limit: int = 100


def _after_id(request: HttpRequest, since: str) -> int | None:
    """A cursor from an earlier page, or an ISO timestamp: the outcomes after it. None if neither."""
    if not since:
        return 0
    if since.isdigit():
        return int(since)
    try:
        moment = dt.datetime.fromisoformat(since)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return selectors.last_outcome_before(api_key_of(request).organisation, moment)


@router.get("", response={200: OutcomePage, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut}, summary="List outcomes")
def list_outcomes(request: HttpRequest, filters: Query[OutcomeQuery]) -> HttpResponse | dict[str, object]:
    """Outcomes after `since` (a cursor from `next_cursor`, or an ISO 8601 timestamp), oldest first, at most `limit`."""
    after_id = _after_id(request, filters.since)
    if after_id is None or not 1 <= filters.limit <= 500:
        field, message = (
            ("since", _("Give a cursor or an ISO 8601 timestamp."))
            if after_id is None
            else (
                "limit",
                _("Give a number from 1 to 500."),
            )
        )
        return error_response(
            422,
            "invalid_request",
            _("Some fields are not valid."),
            [{"field": field, "code": "invalid", "message": message}],
        )
    deliveries = selectors.outcomes_for(api_key_of(request).organisation, after_id=after_id, limit=filters.limit)
    cursor = deliveries[-1].pk if deliveries else after_id
    return {"outcomes": [d.body for d in deliveries], "next_cursor": str(cursor)}
