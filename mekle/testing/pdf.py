"""Render each distinct PDF once per test process.

WeasyPrint takes a second or more for a PDF/A, and many tests render the very same HTML (the same
agreement in the same language, built by the same fixture). `render_pdf` is a function of its
HTML and attachments, so a test process keeps what it rendered under exactly those inputs: a test
whose document differs in any character still gets a fresh render.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

RenderPdf = Callable[..., bytes]


def remembering(render_pdf: RenderPdf) -> RenderPdf:
    rendered: dict[tuple[str, tuple[tuple[str, bytes], ...]], bytes] = {}

    def render(html: str, *, attachments: list[tuple[str, bytes]] | None = None) -> bytes:
        key = (html, tuple(attachments or ()))
        if key not in rendered:
            rendered[key] = render_pdf(html, attachments=attachments)
        return rendered[key]

    return render


@dataclass(frozen=True)
class Accessibility:
    tagged: bool  # a structure tree, and /MarkInfo /Marked true
    lang: str  # the catalog's /Lang
    kinds: frozenset[str]  # the structure types the tree holds: /H1, /Table, /P …


def accessibility_of(pdf: bytes) -> Accessibility:
    """What a screen reader finds in `pdf`'s catalog: whether it is tagged, its language, its structure."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject

    def resolved(node: Any) -> Any:
        return node.get_object() if hasattr(node, "get_object") else node

    catalog = resolved(PdfReader(io.BytesIO(pdf)).trailer["/Root"])
    root = resolved(catalog.get("/StructTreeRoot"))
    kinds: set[str] = set()

    def walk(node: Any, depth: int) -> None:
        node = resolved(node)
        if depth > 200:
            return
        if isinstance(node, ArrayObject):
            for child in node:
                walk(child, depth + 1)
        elif isinstance(node, DictionaryObject) and "/S" in node:
            kinds.add(str(node["/S"]))
            walk(node.get("/K"), depth + 1)

    if isinstance(root, DictionaryObject):
        walk(root.get("/K"), 0)
    mark_info = resolved(catalog.get("/MarkInfo"))
    marked = isinstance(mark_info, DictionaryObject) and bool(mark_info.get("/Marked"))
    return Accessibility(
        tagged=isinstance(root, DictionaryObject) and marked,
        lang=str(catalog.get("/Lang", "")),
        kinds=frozenset(kinds),
    )
