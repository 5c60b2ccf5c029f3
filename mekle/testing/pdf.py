"""Render each distinct PDF once per test process.

WeasyPrint takes a second or more for a PDF/A, and many tests render the very same HTML (the same
agreement in the same language, built by the same fixture). `render_pdf` is a function of its
HTML and attachments, so a test process keeps what it rendered under exactly those inputs: a test
whose document differs in any character still gets a fresh render.
"""

from collections.abc import Callable

RenderPdf = Callable[..., bytes]


def remembering(render_pdf: RenderPdf) -> RenderPdf:
    rendered: dict[tuple[str, tuple[tuple[str, bytes], ...]], bytes] = {}

    def render(html: str, *, attachments: list[tuple[str, bytes]] | None = None) -> bytes:
        key = (html, tuple(attachments or ()))
        if key not in rendered:
            rendered[key] = render_pdf(html, attachments=attachments)
        return rendered[key]

    return render


def accessibility_of(pdf: bytes) -> dict[str, object]:
    """What a screen reader finds in `pdf`'s catalog: whether it is tagged, its language, and the
    structure types its tree holds (``/H1``, ``/Table``, ``/P``…)."""
    import io

    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject

    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    root = catalog.get("/StructTreeRoot")
    kinds: set[str] = set()

    def walk(node: object, depth: int = 0) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if depth > 200:
            return
        if isinstance(node, ArrayObject):
            for child in node:
                walk(child, depth + 1)
        elif isinstance(node, DictionaryObject) and "/S" in node:
            kinds.add(str(node["/S"]))
            walk(node.get("/K"), depth + 1)

    if root is not None:
        walk(root.get_object().get("/K"))
    mark_info = catalog.get("/MarkInfo")
    return {
        "tagged": root is not None and bool(mark_info and mark_info.get_object().get("/Marked")),
        "lang": str(catalog.get("/Lang", "")),
        "kinds": kinds,
    }
