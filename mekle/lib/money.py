"""Amounts of money, one way per language: "2 500 kr" in bokmål and nynorsk, "NOK 2,500" in English.

Norwegian groups thousands with a non-breaking space and writes decimals after a comma, and only
when the amount is not whole ("2 500,50 kr"); the unit follows, also after a non-breaking space, so
"2 500 kr" never breaks across lines. English puts the currency code first with a comma between
thousands and a point before decimals ("NOK 2,500.50"). Every page, PDF and e-mail that shows an
amount prints it through `money` (the ``money`` filter in Django templates and in Jinja2).

The amount may be a ``Decimal``, an ``int`` or the string a payload keeps ("2500.00"); anything that
is not a number is printed as it is, and None or "" as nothing.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language

NBSP = "\u00a0"


def money(amount: Any, language: str | None = None) -> str:
    """`amount` (kroner) as a reader of `language` (the active language by default) writes it."""
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return str(amount)
    if not value.is_finite():
        return str(amount)
    english = (language or get_language() or "nb").lower().startswith("en")
    value = value.quantize(Decimal("0.01"))
    whole = value == value.to_integral_value()
    digits = f"{abs(value):,.0f}" if whole else f"{abs(value):,.2f}"  # "2,500" or "2,500.50"
    sign = "-" if value < 0 else ""
    if english:
        return f"NOK{NBSP}{sign}{digits}"
    norwegian = digits.replace(",", NBSP).replace(".", ",")
    return f"{sign}{norwegian}{NBSP}kr"
