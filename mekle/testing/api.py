"""Referring organisations and keys for API tests: police in Oslo, a school in Bergen."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mekle.accounts.models import Office
from mekle.referrals.models import ApiKey, ReferrerOrganisation
from mekle.referrals.services import api_keys


@dataclass
class Key:
    api_key: ApiKey
    secret: str

    @property
    def headers(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.secret}"}


def make_key(organisation, offices, case_types, *, revoked: bool = False) -> Key:
    issued = api_keys.issue_api_key(organisation=organisation, offices=offices, case_types=case_types)
    if revoked:
        api_keys.revoke_api_key(api_key=issued.api_key)
    return Key(issued.api_key, issued.secret)


def make_world(office_a: Office, office_b: Office, webhook_url: str = "") -> dict[str, Key]:
    police = ReferrerOrganisation.objects.create(name="Oslo politidistrikt", kind="police", webhook_url=webhook_url)
    school = ReferrerOrganisation.objects.create(name="Bergen skole", kind="school")
    all_types = ["civil", "criminal_mediation", "follow_up", "youth_follow_up", "youth_sentence"]
    return {
        "police": make_key(police, [office_a], all_types),
        "revoked": make_key(police, [office_a], all_types, revoked=True),
        "other_org": make_key(school, [office_a, office_b], all_types),
        "other_office": make_key(police, [office_b], all_types),
        "civil_only": make_key(police, [office_a], ["civil"]),
    }


def civil_referral(**changes) -> dict[str, Any]:
    body = {
        "office": "OSL",
        "case_type": "civil",
        "referrer_reference": "SKOLE-1",
        "decision_date": (dt.date.today() - dt.timedelta(days=3)).isoformat(),
        "description": "Konflikt i friminuttet",
        "parties": [
            {"full_name": "Ola Nordmann", "role": "victim", "date_of_birth": "1990-01-01"},
            {"full_name": "Kari Nordmann", "role": "offender", "date_of_birth": "1991-02-02"},
        ],
    }
    return {**body, **changes}


def criminal_referral(**changes) -> dict[str, Any]:
    body = {
        "office": "OSL",
        "case_type": "criminal_mediation",
        "referrer_reference": "POL-2026-123",
        "decision_date": (dt.date.today() - dt.timedelta(days=3)).isoformat(),
        "parties": [
            {"full_name": "Per Hansen", "role": "victim", "consent_collected_by_police": True},
            {
                "full_name": "Emil Olsen",
                "role": "offender",
                "date_of_birth": (dt.date.today() - dt.timedelta(days=16 * 365)).isoformat(),
                "consent_collected_by_police": True,
                "guardians": [{"full_name": "Hanne Olsen", "relation": "mor"}],
            },
        ],
    }
    return {**body, **changes}


def post_referral(client, key: Key | None, body: dict[str, Any], **headers):
    auth = key.headers if key else {}
    return client.post("/api/v1/referrals", body, content_type="application/json", **auth, **headers)
