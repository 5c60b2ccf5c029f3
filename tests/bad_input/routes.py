"""Every route of the three doors, from the URL configuration, with an address to try it by."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

_PART = re.compile(r"<(?:(\w+):)?(\w+)>")


@dataclass(frozen=True)
class Route:
    name: str
    route: str  # the whole route, with the parts of the patterns it is included under

    def path(self, text: str, number: str = "1") -> str:
        """The address, with `number` in every number part and `text` in every other part."""
        return "/" + _PART.sub(lambda m: number if m.group(1) == "int" else text, self.route)

    def path_with(self, values: dict[str, str]) -> str | None:
        """The address with each part named in `values`, or None if one is missing."""
        names = [m.group(2) for m in _PART.finditer(self.route)]
        if not all(name in values for name in names):
            return None
        return "/" + _PART.sub(lambda m: values[m.group(2)], self.route)

    @property
    def has_text_part(self) -> bool:
        return any(m.group(1) != "int" for m in _PART.finditer(self.route))


def routes(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Every named route but Django's admin (staff only, its own) and the regular-expression ones."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name and not str(pattern.pattern).startswith("^"):
            yield Route(namespace + str(pattern.name), prefix + str(pattern.pattern))
