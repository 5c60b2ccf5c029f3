"""``{% load money %}`` then ``{{ amount|money }}``: see mekle/lib/money.py."""

from typing import Any

from django import template

from mekle.lib.money import money as format_money

register = template.Library()


@register.filter
def money(amount: Any) -> str:
    return format_money(amount)
