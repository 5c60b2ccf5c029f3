"""Writes about agreements: drafting, freezing for signing, new versions, signatures and approval.

Every function locks the case first, refuses with ``GuardError`` sentences, and records its events.
A version sent for signing is frozen: nothing here changes its content, and approval checks that
the stored rows still hash to the `content_hash` every signature was given on.
"""

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
from .signing import approve, refuse_approval, sign

__all__ = [
    "CRIMINAL_COOLING_OFF_DAYS",
    "CommitmentInput",
    "DEFAULT_FULFILMENT_DAYS",
    "NO_MONEY_CASE_TYPES",
    "approve",
    "close_without_agreement",
    "commitment_inputs",
    "content_refusals",
    "cooling_off_days_for",
    "money_allowed",
    "refuse_approval",
    "revise",
    "send_for_signing",
    "sign",
    "start_agreement",
    "update_draft",
]
