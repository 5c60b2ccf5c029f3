"""Designsystemet's pagination (``components/pagination.html``): which page numbers to show."""

from typing import Any

from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag
def page_numbers(page: Page[Any]) -> list[int | None]:
    """The page numbers around the current one and at both ends; None where pages are left out."""
    return [
        number if isinstance(number, int) else None  # the rest are the paginator's ELLIPSIS
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
