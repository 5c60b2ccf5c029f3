"""Reads about offices (which office serves a postcode) and about the rate limits' allowances."""

import datetime as dt
import math
import re

from django.conf import settings

from mekle.lib import clock

from .models import Office, OfficeArea, RateLimit

POSTCODE = re.compile(r"^\d{4}$")


def office_for_postcode(postcode: str) -> Office | None:
    """The office whose area holds `postcode`, else the fallback office, else None (no offices).

    When areas overlap, the one that starts latest wins: a narrow area inside a wide one is the
    more specific answer. The fallback is ``MEKLE_DEFAULT_OFFICE_CODE``, or the first office by name.
    """
    postcode = postcode.strip()
    if POSTCODE.match(postcode):
        area = (
            OfficeArea.objects.filter(postcode_from__lte=postcode, postcode_to__gte=postcode)
            .select_related("office")
            .order_by("-postcode_from", "postcode_to")
            .first()
        )
        if area is not None:
            return area.office
    return fallback_office()


def fallback_office() -> Office | None:
    code = settings.MEKLE_DEFAULT_OFFICE_CODE
    office = Office.objects.filter(code=code).first() if code else None
    return office or Office.objects.order_by("name", "pk").first()


def office_of_case(reference: str) -> Office | None:
    """The office that has the case `reference`, for a page that may name only the office (a receipt)."""
    return Office.objects.filter(cases__reference=reference).first() if reference else None


def offices_to_call() -> list[Office]:
    """The offices a person who cannot get in may phone: those with a phone number, by name."""
    return list(Office.objects.exclude(phone="").order_by("name"))


def seconds_until_allowance(*, key: str, limit: int, per: dt.timedelta) -> int:
    """After `services.take_allowance` refused: how many whole seconds until `key` has an allowance again."""
    row = RateLimit.objects.filter(key=key).first()
    hits = [dt.datetime.fromisoformat(hit) for hit in row.hits] if row else []
    if len(hits) < limit:
        return 0
    freed_at = hits[len(hits) - limit] + per  # the hit whose leaving the window frees one allowance
    return max(1, math.ceil((freed_at - clock.now()).total_seconds()))


def offices_to_contact() -> list[Office]:
    """Every office, by name, for the public contact and accessibility pages (one query)."""
    return list(Office.objects.order_by("name", "pk"))
