"""Writes about agreements: drafting, freezing for signing, new versions, signatures and approval,
the follow-up of an approved version, and storing its documents.

Every function locks the case first, refuses with ``GuardError`` sentences, and records its events.
A version sent for signing is frozen: nothing here changes its content, and approval checks that
the stored rows still hash to the `content_hash` every signature was given on.
"""

from .documents import create_agreement_documents, store_case_document, store_document
from .drafting import (
    CRIMINAL_COOLING_OFF_DAYS,
    DEFAULT_FULFILMENT_DAYS,
    NO_MONEY_CASE_TYPES,
    CommitmentInput,
    close_without_agreement,
    commitment_inputs,
    content_refusals,
    cooling_off_days_for,
    money_allowed,
    revise,
    send_for_signing,
    start_agreement,
    update_draft,
)
from .follow_up import (
    Answer,
    check_commitment,
    check_commitments,
    conclude,
    create_reminders,
    record_outcome_report,
    record_withdrawal_report,
    report_fulfilment,
    report_fulfilments,
)
from .signing import SCANNED_COPY_MAX_BYTES, approve, refuse_approval, scanned_copy_problem, sign

__all__ = [
    "CRIMINAL_COOLING_OFF_DAYS",
    "CommitmentInput",
    "DEFAULT_FULFILMENT_DAYS",
    "NO_MONEY_CASE_TYPES",
    "SCANNED_COPY_MAX_BYTES",
    "approve",
    "Answer",
    "check_commitment",
    "check_commitments",
    "close_without_agreement",
    "commitment_inputs",
    "conclude",
    "content_refusals",
    "cooling_off_days_for",
    "create_agreement_documents",
    "create_reminders",
    "money_allowed",
    "record_outcome_report",
    "scanned_copy_problem",
    "record_withdrawal_report",
    "refuse_approval",
    "report_fulfilment",
    "report_fulfilments",
    "revise",
    "send_for_signing",
    "sign",
    "start_agreement",
    "store_case_document",
    "store_document",
    "update_draft",
]
