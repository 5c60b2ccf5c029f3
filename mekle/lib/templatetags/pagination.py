"""Designsystemet's pagination (``components/pagination.html``): which page numbers to show."""

from typing import Any

from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag
def page_numbers(page: Page[Any]) -> list[int | None]:
    """The page numbers around the current one and at both ends; None where pages are left out."""
    ellipsis = page.paginator.ELLIPSIS
    return [
        None if number == ellipsis else int(number)
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
