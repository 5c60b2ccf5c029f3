"""One money format per language: "2 500 kr" in nb and nn, "NOK 2,500" in English."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.template import engines
from django.urls import reverse
from django.utils.translation import override

from mekle.dialogue import services
from mekle.lib.money import NBSP, money
from mekle.parties.participants import Participant

S = NBSP


@pytest.mark.parametrize("language", ["nb", "nn"])
@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("2500.00"), f"2{S}500{S}kr"),
        (Decimal("2500.50"), f"2{S}500,50{S}kr"),
        (Decimal("2500.5"), f"2{S}500,50{S}kr"),
        (2500, f"2{S}500{S}kr"),
        ("2500.00", f"2{S}500{S}kr"),  # as a payload keeps it
        (Decimal("999"), f"999{S}kr"),
        (Decimal("1234567.89"), f"1{S}234{S}567,89{S}kr"),
        (Decimal("0.5"), f"0,50{S}kr"),
    ],
)
def test_norwegian(language, amount, expected):
    assert money(amount, language) == expected
    with override(language):
        assert money(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("2500.00"), f"NOK{S}2,500"),
        (Decimal("2500.50"), f"NOK{S}2,500.50"),
        ("1234567.8", f"NOK{S}1,234,567.80"),
        (100, f"NOK{S}100"),
    ],
)
def test_english(amount, expected):
    assert money(amount, "en") == expected
    with override("en"):
        assert money(amount) == expected


def test_nothing_and_not_a_number():
    assert money(None, "nb") == ""
    assert money("", "en") == ""
    assert money("about a thousand", "nb") == "about a thousand"


@pytest.mark.parametrize(
    ("language", "expected"), [("nb", f"2{S}500{S}kr"), ("nn", f"2{S}500{S}kr"), ("en", f"NOK{S}2,500")]
)
def test_the_django_filter_and_the_jinja2_filter(language, expected):
    django_template = engines["django"].from_string("{% load money %}{{ amount|money }}")
    jinja_template = engines["jinja2"].from_string("{{ amount|money }}")
    with override(language):
        assert django_template.render({"amount": Decimal("2500.00")}) == expected
        assert jinja_template.render({"amount": Decimal("2500.00")}) == expected


@pytest.mark.django_db
@pytest.mark.usefixtures("contact_open")
@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", f"Beløp: 2{S}500,50{S}kr"), ("nn", f"Beløp: 2{S}500,50{S}kr"), ("en", f"Amount: NOK{S}2,500.50")],
)
def test_the_portal_proposal_page_shows_the_amount_one_way(client, case, ola, kari, kari_user, language, expected):
    made = services.make_proposal(
        actor=None,
        participant=Participant(ola),
        recipient=kari,
        kind="payment",
        text="Jeg betaler for vinduet.",
        amount=Decimal("2500.50"),
    )
    client.force_login(kari_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for page in ("proposal", "proposals"):
        args = [case.reference, made.pk] if page == "proposal" else [case.reference]
        body = client.get(reverse(f"portal:{page}", args=args)).content.decode()
        assert expected in body
        for old in ("50 kroner", "kr 2500", "NOK 2500", "2500,50", "2500.50"):
            assert old not in body
