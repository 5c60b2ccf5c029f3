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
