"""Writes about the people in a case, one module a subject: referral with parties, consent and
withdrawal, preparation, portal access and ID-porten linking. This package is their one face."""

from .consent import MIN_AGE_TO_CONSENT_ALONE, record_consent, waive_guardian_consent, withdraw_consent
from .contact import ContactDetails, Correction, correct_contact_details
from .contact import fields_of as contact_fields_of
from .identity import link_portal_user_by_national_id
from .portal import (
    InvitationLink,
    end_portal_access,
    end_sessions_of,
    invite_to_portal,
    portal_user_for,
    request_portal_links,
    revoke_invitation,
    use_invitation,
)
from .preparation import ANSWER_FIELDS, ANSWERS_OPEN_STATUSES, record_preparation, save_preparation_answers
from .referral import GuardianInput, PartyInput, add_guardian, add_party, register_referral

__all__ = [
    "ANSWERS_OPEN_STATUSES",
    "ContactDetails",
    "Correction",
    "ANSWER_FIELDS",
    "MIN_AGE_TO_CONSENT_ALONE",
    "GuardianInput",
    "InvitationLink",
    "PartyInput",
    "add_guardian",
    "add_party",
    "contact_fields_of",
    "correct_contact_details",
    "end_portal_access",
    "end_sessions_of",
    "invite_to_portal",
    "link_portal_user_by_national_id",
    "portal_user_for",
    "record_consent",
    "record_preparation",
    "register_referral",
    "request_portal_links",
    "revoke_invitation",
    "save_preparation_answers",
    "use_invitation",
    "waive_guardian_consent",
    "withdraw_consent",
]
