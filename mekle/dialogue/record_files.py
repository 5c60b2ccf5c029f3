"""A good-faith record read out of a file someone hands in: its JSON, or the PDF with the JSON attached.

Reading never trusts the file: anything that is not a record, or a PDF without one, is refused
with a sentence for the person who sent it (`NotARecord`), never an exception of the parser.
Whether the record is intact and Mekle's is for ``goodfaith.verify_record`` and the selectors.
"""

import io
import json
import logging
from typing import Any, cast

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import goodfaith

log = logging.getLogger(__name__)

# A record of a long case is a few hundred kB; nothing Mekle makes comes near this.
MAX_RECORD_BYTES = 5_000_000
PDF_MAGIC = b"%PDF-"


class NotARecord(Exception):
    """The file holds no good-faith record; `message` says why, in the reader's language."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


def record_from_file(content: bytes) -> dict[str, Any]:
    """The record in `content` (the JSON file, or Mekle's PDF with the JSON attached), as parsed JSON.

    Raises `NotARecord` for anything else. What comes back is an object of a known format, not yet
    a verified record (``goodfaith.verify_record``).
    """
    if is_pdf(content):
        return record_from_json(_attached_record(content))
    return record_from_json(content)


def is_pdf(content: bytes) -> bool:
    return content.lstrip()[:5] == PDF_MAGIC


def record_from_json(content: bytes) -> dict[str, Any]:
    if len(content) > MAX_RECORD_BYTES:
        raise NotARecord(_("The file is too large to be a good-faith record."))
    data = _parsed(content)
    if not _is_a_record(data):
        raise NotARecord(_("The file is neither a good-faith record's JSON file nor its PDF."))
    return cast(dict[str, Any], data)


def _attached_record(content: bytes) -> bytes:
    """The JSON file attached to the PDF: the one whose content is a record of a known format."""
    from pypdf import PdfReader  # imported when needed: the web process rarely reads a PDF

    try:
        for attachment in PdfReader(io.BytesIO(content)).attachment_list:
            if attachment.name.lower().endswith(".json") and (attachment.size or 0) <= MAX_RECORD_BYTES:
                data = attachment.content
                if _is_a_record(_parsed(data)):
                    return data
    # A damaged or hostile PDF can fail anywhere inside the parser, with any exception type: it
    # is then simply not a record, and must never cost a server error.
    except Exception as error:  # noqa: BLE001
        log.info("An uploaded PDF could not be read: %s", type(error).__name__)
        raise NotARecord(
            _("The PDF could not be read. Upload the PDF as Mekle made it, or the record's JSON file.")
        ) from error
    raise NotARecord(
        _("The PDF has no good-faith record attached. Upload the PDF as Mekle made it, or the record's JSON file.")
    )


def _parsed(content: bytes) -> Any:
    """The JSON in `content`; ``None`` when it is not JSON (``null`` is no record either)."""
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _is_a_record(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") in (goodfaith.FORMAT, goodfaith.FORMAT_1)
