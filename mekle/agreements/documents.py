"""The documents rendered from an approved agreement: the signed agreement and the outcome report to
the referrer, as PDF/A-3b in the reader's language. Rendering only: what is given in, bytes out
(`services.documents` stores them as `Document` rows with their SHA-256, `selectors` reads them back).

PDF/A-3b rather than 2b: the outcome report carries the signed agreement as an embedded file
("copy attached"), and only part 3 allows a non-PDF/A attachment to be embedded. WeasyPrint's
fonts and the shared stylesheet are loaded once per process (`_weasy`), not per document.
"""

import functools
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from mekle.cases.models import Case, Status
from mekle.lib import clock
from mekle.parties.models import Language

from .models import AgreementVersion, Signature, SignatureMethod

PDF_VARIANT = "pdf/a-3b"
DOCUMENT_LANGUAGES = ("nb", "nn", "en")


class Outcome:
    """What an outcome report says to the referrer."""

    APPROVED = "approved"
    FULFILLED = "fulfilled"
    NOT_FULFILLED = "not_fulfilled"
    ALL = (APPROVED, FULFILLED, NOT_FULFILLED)


def document_language(language: str) -> str:
    """The language a document is written in for someone who prefers `language` ('other' → bokmål)."""
    return language if language in DOCUMENT_LANGUAGES else Language.BOKMAL.value


# --- WeasyPrint, once per process ---------------------------------------------------------------


@dataclass(frozen=True)
class _Weasy:
    font_config: Any
    stylesheet: Any


@functools.cache
def _weasy() -> _Weasy:
    # Imported here so that a process that never renders (the web server mostly) does not pay for it.
    from weasyprint import CSS  # type: ignore[import-untyped]  # WeasyPrint ships no type hints
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]  # as above

    font_config = FontConfiguration()
    css = render_to_string("agreements/documents/document.css")
    return _Weasy(font_config=font_config, stylesheet=CSS(string=css, font_config=font_config))


def render_pdf(html: str, *, attachments: list[tuple[str, bytes]] | None = None) -> bytes:
    """`html` as PDF/A-3b with the shared stylesheet, its fonts embedded and `attachments` (name, bytes)."""
    from weasyprint import HTML, Attachment

    weasy = _weasy()
    files = [
        Attachment(string=content, name=name, description=name, relationship="Source")
        for name, content in attachments or []
    ]
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[weasy.stylesheet],
        font_config=weasy.font_config,
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        attachments=files,
    )
    return pdf


# --- What the documents say -------------------------------------------------------------------


def _signer(signature: Signature) -> str:
    return signature.guardian.full_name if signature.guardian is not None else signature.party.full_name


def agreement_context(version: AgreementVersion) -> dict[str, Any]:
    """What the agreement document shows: no party's address or contact details, only the office's."""
    case = version.agreement.case
    signatures = list(version.signatures.select_related("party", "guardian"))
    return {
        "case": case,
        "office": case.office,
        "version": version,
        "commitments": list(version.commitments.select_related("party", "beneficiary")),
        "signatures": [
            {
                "name": _signer(s),
                "guardian_of": s.party.full_name if s.guardian_id else "",
                "role": s.party.get_role_display(),
                "signed_at": s.signed_at,
                "in_portal": s.method == SignatureMethod.PORTAL,
                "method": s.get_method_display(),
            }
            for s in signatures
        ],
        "approved_by": version.decided_by,
        "generated_at": clock.now(),
    }


def render_agreement(version: AgreementVersion, language: str) -> bytes:
    language = document_language(language)
    with translation.override(language):
        context = {**agreement_context(version), "language": language}
        html = render_to_string("agreements/documents/agreement.html", context)
        return render_pdf(html)


def render_outcome_report(
    version: AgreementVersion, outcome: str, *, answers: dict[int, bool] | None = None, language: str = "nb"
) -> bytes:
    """The report to the referrer; "approved" carries the signed agreement as an attached file.

    `answers` maps a commitment's id to whether it was kept (the latest answer). The referrer is a
    public body, so the report is in bokmål unless told otherwise.
    """
    language = document_language(language)
    attachments = []
    if outcome == Outcome.APPROVED:
        name = f"{version.agreement.case.reference}-agreement-v{version.number}-{language}.pdf"
        attachments.append((name, render_agreement(version, language)))
    with translation.override(language):
        context = {**agreement_context(version), "language": language, "outcome": outcome}
        context["rows"] = [{"commitment": c, "kept": (answers or {}).get(c.pk)} for c in context["commitments"]]
        html = render_to_string("agreements/documents/outcome_report.html", context)
        return render_pdf(html, attachments=attachments)


def render_withdrawal_report(case: Case, *, stage: str, closed_at: Any, language: str = "nb") -> bytes:
    """The report to the referrer that a party withdrew, and at which stage; never who, never why."""
    language = document_language(language)
    with translation.override(language):
        context = {
            "case": case,
            "office": case.office,
            "language": language,
            "stage": stage,
            "stage_label": Status(stage).label if stage in Status.values else stage,
            "closed_at": closed_at,
            "generated_at": clock.now(),
        }
        return render_pdf(render_to_string("agreements/documents/withdrawal_report.html", context))
