"""What a file is, by its first bytes; and the upload handler that stops a body past its limit."""

import io

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import RequestFactory

from mekle.lib.uploads import UploadLimitHandler, accepts_uploads, content_type_of, upload_limit_of


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00", "image/png"),
        (b"\xff\xd8\xff\xe1", "image/jpeg"),
        (b'{"code": 1}', "application/json"),
        (b'\xef\xbb\xbf\n  {"code": 1}', "application/json"),
        (b"<html>", None),
        (b"GIF89a", None),
        (b"[1, 2]", None),
        (b"", None),
    ],
)
def test_a_file_is_known_by_its_first_bytes_and_left_at_its_start(head, kind):
    upload = io.BytesIO(head + b"rest")
    upload.read(2)
    assert content_type_of(upload) == kind
    assert upload.tell() == 0


def test_a_view_takes_files_only_when_marked():
    def view(request):
        return None

    assert upload_limit_of(view) == 0
    assert upload_limit_of(accepts_uploads(max_bytes=1000)(view)) == 1000


def test_the_handler_passes_chunks_on_until_the_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    handler = UploadLimitHandler(RequestFactory().post("/"), max_bytes=10)
    handler.handle_raw_input(None, {}, 110, b"boundary")  # the files' limit and the fields'
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    assert handler.receive_data_chunk(b"67890", 5) == b"67890"
    handler.file_complete(10)  # keeps nothing: the handlers after it store the file
    with pytest.raises(RequestDataTooBig):
        handler.receive_data_chunk(b"!", 10)
    with pytest.raises(RequestDataTooBig):
        handler.handle_raw_input(None, {}, 111, b"boundary")
