"""Uploads: how large each view lets them be, checked while the body arrives (before it is stored),
and what a file is, read from its first bytes rather than its name."""

from collections.abc import Callable
from typing import IO, Any, TypeVar

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest

V = TypeVar("V", bound=Callable[..., Any])

_LIMIT = "mekle_upload_max_bytes"

# The first bytes of each kind of file Mekle takes (the "magic numbers").
_MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "application/json": "json"}


def accepts_uploads(*, max_bytes: int) -> Callable[[V], V]:
    """Mark a view that takes files: at most `max_bytes` of them in one request. A view without this
    mark takes none: a request that sends it a file is refused before the file is read."""

    def mark(view: V) -> V:
        setattr(view, _LIMIT, max_bytes)
        return view

    return mark


def upload_limit_of(view: Callable[..., Any]) -> int:
    return int(getattr(view, _LIMIT, 0))


class UploadLimitHandler(FileUploadHandler):
    """First of the upload handlers: refuses a body whose length says it is too large before reading
    it, and stops counting the files' bytes as they arrive as soon as they pass the limit (a body
    without a length, or one that lies about it). Django's own handlers then store what passes."""

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.received = 0

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: Any = None
    ) -> None:  # noqa: N803  # Django's name
        if content_length > self.max_bytes + settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise RequestDataTooBig("The request body is larger than the view accepts.")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            raise RequestDataTooBig("The uploaded files are larger than the view accepts.")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def limit_uploads(request: HttpRequest, view: Callable[..., Any]) -> None:
    """Before anything reads the body: at most the view's limit of files (none for most views)."""
    max_bytes = upload_limit_of(view)
    request.upload_max_bytes = max_bytes  # type: ignore[attr-defined]  # read by the "too large" page
    request.upload_handlers = [UploadLimitHandler(request, max_bytes), *request.upload_handlers]


def content_type_of(upload: IO[bytes]) -> str | None:
    """What the file is by its first bytes: PDF, PNG, JPEG or JSON (an object), else None."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    for content_type, signatures in _MAGIC.items():
        if head.startswith(signatures):
            return content_type
    if head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"{"):
        return "application/json"
    return None
