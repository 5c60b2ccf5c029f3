"""Every upload has a size limit, enforced while the body arrives (before it is stored), and a kind
checked by content: a scanned signature is a PDF, PNG or JPEG of at most 10 MB; the public record
check takes a record (JSON, or its PDF) of at most 5 MB; every other page takes no file at all.
Over a limit the person gets a page in their language (413), never a 500, and nothing is stored."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mekle.agreements import services
from mekle.agreements.models import Signature
from mekle.cases.models import CaseEvent
from mekle.testing.agreements import draft, hold_meeting_with_agreement

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64
TOO_LARGE = "Det du sendte, er for stort"


@pytest.fixture
def sent(case, alice, mia, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    hold_meeting_with_agreement(alice, mia, case)
    version = draft(mia, case)
    services.send_for_signing(actor=mia, version=version)
    return version


def record_signature(client, version, ola, scan, **extra):
    case = version.agreement.case
    path = reverse("workspace:agreement_record_signature", args=[case.reference, version.number])
    data = {"signer": f"{ola.pk}-0", "signed_on": timezone.localdate().isoformat(), "confirm": "on"}
    return client.post(path, data | {"scanned_copy": scan}, **extra)


def nothing_stored(tmp_path):
    return not Signature.objects.exists() and not any(p.is_file() for p in tmp_path.rglob("*"))


def test_a_20_mb_html_scanned_copy_is_refused_before_it_is_stored(client, alice, sent, ola, tmp_path):
    client.force_login(alice)
    events = CaseEvent.objects.count()
    scan = SimpleUploadedFile("skann.html", b"<html>" + b"x" * 20_000_000, content_type="text/html")
    response = record_signature(client, sent, ola, scan)
    assert response.status_code == 413
    body = response.content.decode()
    assert TOO_LARGE in body
    assert "Denne siden tar imot filer på høyst 10 MB." in body
    assert nothing_stored(tmp_path)
    assert CaseEvent.objects.count() == events


def test_a_file_over_the_limit_is_stopped_while_it_arrives(client, alice, sent, ola, tmp_path):
    client.force_login(alice)
    scan = SimpleUploadedFile("skann.pdf", PDF + b"0" * 10_000_000)  # within the length the body may claim
    response = record_signature(client, sent, ola, scan)
    assert response.status_code == 413
    assert nothing_stored(tmp_path)


def test_a_body_that_says_it_is_too_large_is_refused_unread(client, alice, sent, ola, tmp_path):
    client.force_login(alice)
    scan = SimpleUploadedFile("skann.pdf", PDF, content_type="application/pdf")
    response = record_signature(client, sent, ola, scan, CONTENT_LENGTH=str(500 * 2**20))
    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode()
    assert nothing_stored(tmp_path)


@pytest.mark.parametrize(
    ("name", "content"), [("signatur.pdf", b"<html><script>alert(1)</script>"), ("signatur.jpg", b"GIF89a")]
)
def test_a_scanned_copy_that_is_not_a_pdf_png_or_jpeg_by_content_is_refused(
    client, alice, sent, ola, tmp_path, name, content
):
    client.force_login(alice)
    response = record_signature(client, sent, ola, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert "Den skannede kopien må være en PDF-, PNG- eller JPEG-fil." in response.content.decode()
    assert nothing_stored(tmp_path)


@pytest.mark.parametrize(("content", "extension"), [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpg")])
def test_a_scanned_copy_is_kept_under_a_name_from_its_content(client, alice, sent, ola, content, extension):
    client.force_login(alice)
    response = record_signature(client, sent, ola, SimpleUploadedFile("skann.html", content))
    assert response.status_code == 302
    name = Signature.objects.get(party=ola).scanned_copy.name
    assert re.fullmatch(rf"signatures/\d{{4}}/signature\.{extension}", name), name


def test_the_form_says_which_files_it_takes():
    from mekle.workspace.agreement_forms import PaperSignatureForm

    form = PaperSignatureForm(signer_choices=[])
    assert str(form.fields["scanned_copy"].help_text) == "En PDF, PNG eller JPEG av den signerte siden, høyst 10 MB."
    assert 'accept="application/pdf,image/png,image/jpeg"' in str(form["scanned_copy"])


def check_record(client, content, name="record.json", **extra):
    payload = io.BytesIO(content)
    payload.name = name
    return client.post(reverse("portal:check_record"), {"by": "file", "file-file": payload}, **extra)


def test_the_public_record_check_refuses_a_file_over_5_mb_before_storing_it(client):
    response = check_record(client, b'{"code": "' + b"x" * 6_000_000 + b'"}')
    assert response.status_code == 413
    assert "Denne siden tar imot filer på høyst 5 MB." in response.content.decode()


def test_the_public_record_check_refuses_500_mib_unread(client):
    response = check_record(client, b"{}", CONTENT_LENGTH=str(500 * 2**20))
    assert response.status_code == 413
    assert "Denne siden tar imot filer på høyst 5 MB." in response.content.decode()


@pytest.mark.parametrize(
    ("content", "name"), [(PNG, "record.json"), (b"<html>", "record.json"), (b"GIF89a", "record.pdf")]
)
def test_the_public_record_check_takes_only_json_or_pdf_by_content(client, content, name):
    response = check_record(client, content, name)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Denne filen er ikke en oversikt fra Mekle." in body
    assert 'id="check-result"' not in body


def test_the_public_record_check_still_reads_a_json_record(client):
    response = check_record(client, json.dumps({"code": "AAAA-BBBB-CCCC", "record_hash": "0" * 64}).encode())
    assert response.status_code == 200
    assert 'data-color="danger"' in response.content.decode()  # read, and it matches nothing


def test_a_page_that_takes_no_files_refuses_one(client, alice, case):
    client.force_login(alice)
    path = reverse("workspace:start_assessment", args=[case.reference])
    response = client.post(path, {"note": SimpleUploadedFile("x.pdf", PDF)})
    assert response.status_code == 413
    assert "Denne siden tar ikke imot filer, bare skjemaer av vanlig lengde." in response.content.decode()
    case.refresh_from_db()
    assert case.status == "received"


def test_a_form_over_the_size_limit_is_a_413_page_in_norwegian(client, alice, case):
    client.force_login(alice)
    path = reverse("workspace:referral_new")
    response = client.post(path, {"description": "x" * 3_000_000})
    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode()


def test_a_form_with_too_many_fields_is_a_413_page(client, alice):
    client.force_login(alice)
    response = client.post(reverse("workspace:referral_new"), {f"f{i}": "1" for i in range(1001)})
    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode()


def test_too_many_files_are_a_413_page(client, alice, sent, ola, tmp_path):
    client.force_login(alice)
    scans = [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(6)]
    response = record_signature(client, sent, ola, scans)
    assert response.status_code == 413
    assert nothing_stored(tmp_path)


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        (b"<html>", "Den skannede kopien må være en PDF-, PNG- eller JPEG-fil."),
        (PDF + b"0" * 10_000_000, "Den skannede kopien er større enn 10 MB."),
    ],
)
def test_the_signing_service_refuses_the_same_scanned_copies(sent, mia, ola, tmp_path, content, refusal):
    from mekle.cases.lifecycle import GuardError
    from mekle.parties.participants import Participant

    with pytest.raises(GuardError) as refused:
        services.sign(
            actor=mia,
            version=sent,
            participant=Participant(ola),
            method="paper",
            statement="Signert på papir.",
            scanned_copy=SimpleUploadedFile("skann.pdf", content),
        )
    assert str(refused.value).startswith(refusal)
    assert nothing_stored(tmp_path)
