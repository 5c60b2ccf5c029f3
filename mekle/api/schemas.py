"""The shapes the API reads and writes. They validate and convert; they never save."""

import datetime as dt
from typing import Annotated, Literal, get_args

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError
from stdnum.no import fodselsnummer

from mekle.cases.models import CaseType
from mekle.lib import clock
from mekle.parties import rules as referral_rules
from mekle.parties.rules import Problem
from mekle.parties.services import GuardianInput, PartyInput
from mekle.referrals.services.api_referrals import ReferralRequest

CaseTypeCode = Literal["civil", "criminal_mediation", "follow_up", "youth_follow_up", "youth_sentence"]
assert set(get_args(CaseTypeCode)) == set(CaseType.values)  # kept in step with the model

Text = Annotated[str, Field(max_length=200)]


# The shape of a national identity number, stated in the schema; its check digits are checked by _national_id.
NationalId = Annotated[
    str, Field(max_length=11, json_schema_extra={"pattern": "^([0-9]{11})?$"}, description="11 digits, or empty.")
]


def _national_id(value: str) -> str:
    if value and not fodselsnummer.is_valid(value):
        raise PydanticCustomError("invalid_national_id", _("This is not a valid Norwegian national identity number."))
    return value


def _refuse(problems: list[Problem]) -> None:
    """The shared rules' first problem as this field's error, with the rules' code and sentence."""
    if problems:
        raise PydanticCustomError(problems[0].code, problems[0].message)


def _born(value: dt.date | None) -> dt.date | None:
    _refuse(referral_rules.birth_date_problems(field="", date_of_birth=value, today=clock.today()))
    return value


def _happened(value: dt.date | None) -> dt.date | None:
    _refuse(referral_rules.past_date_problems(field="", day=value, today=clock.today()))
    return value


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class GuardianIn(Strict):
    full_name: Text = Field(min_length=1)
    relation: Annotated[str, Field(max_length=100)] = ""
    national_id: NationalId = ""

    check_national_id = field_validator("national_id")(_national_id)


class PartyIn(Strict):
    full_name: Text = Field(min_length=1)
    role: Literal["victim", "offender", "other"]
    date_of_birth: dt.date | None = None
    national_id: NationalId = ""
    preferred_language: Literal["nb", "nn", "en", "other"] = "nb"
    needs_interpreter: bool = False
    consent_collected_by_police: bool = False
    guardians: list[GuardianIn] = Field(default_factory=list, max_length=4)

    check_national_id = field_validator("national_id")(_national_id)
    # Dates by the referral rules every door shares (mekle.parties.rules); the service checks them again.
    check_birth = field_validator("date_of_birth")(_born)


class ReferralIn(Strict):
    """A referral. Police and court referrals and criminal case types need `decision_date` and
    `referrer_reference`; criminal case types also need consent collected by the police."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "office": "OSL",
                    "case_type": "civil",
                    "referrer_reference": "POL-2026-123",
                    "decision_date": "2026-01-05",
                    "description": "Konflikt mellom naboer",
                    "parties": [
                        {"full_name": "Per Hansen", "role": "victim", "date_of_birth": "1980-04-02"},
                        {"full_name": "Emil Olsen", "role": "offender", "date_of_birth": "1990-03-01"},
                    ],
                }
            ]
        },
    )

    office: Annotated[str, Field(min_length=3, max_length=3, description="The office's code, e.g. OSL.")]
    case_type: CaseTypeCode
    referrer_reference: Annotated[str, Field(max_length=100)] = ""
    decision_date: dt.date | None = Field(
        None, description="The date of the prosecuting authority's or court's decision."
    )
    consent_date: dt.date | None = None
    description: Annotated[str, Field(max_length=5000)] = ""
    parties: list[PartyIn] = Field(min_length=1, max_length=10)

    check_dates = field_validator("decision_date", "consent_date")(_happened)

    def to_request(self) -> ReferralRequest:
        return ReferralRequest(
            office_code=self.office,
            case_type=self.case_type,
            referrer_reference=self.referrer_reference,
            decision_date=self.decision_date,
            consent_date=self.consent_date,
            description=self.description,
            parties=[
                PartyInput(
                    full_name=party.full_name,
                    role=party.role,
                    date_of_birth=party.date_of_birth,
                    national_id=party.national_id,
                    preferred_language=party.preferred_language,
                    needs_interpreter=party.needs_interpreter,
                    guardians=[
                        GuardianInput(full_name=g.full_name, relation=g.relation, national_id=g.national_id)
                        for g in party.guardians
                    ],
                )
                for party in self.parties
            ],
            consent_collected_by_police=[party.consent_collected_by_police for party in self.parties],
        )


class ReceiptOut(Schema):
    id: str = Field(description="The case reference, e.g. OSL-2026-00042.")
    status: Literal["received"]
    case_type: str
    office: str
    referrer_reference: str
    received_on: dt.date


class ReferralOut(Schema):
    id: str
    status: Literal["received", "in_progress", "closed"]
    outcome: Literal["fulfilled", "not_fulfilled", "withdrawn", "not_suitable", "no_agreement"] | None
    case_type: str
    office: str
    referrer_reference: str
    received_on: dt.date
    closed_at: dt.datetime | None


class OutcomeOut(Schema):
    id: str = Field(description="Stable per outcome: a receiver can ignore one it has seen.")
    type: Literal["case_closed", "agreement_approved", "follow_up_concluded"]
    referral: str
    referrer_reference: str
    occurred_at: dt.datetime
    status: Literal["received", "in_progress", "closed"]
    outcome: str | None
    stage: Literal["received", "assessing", "preparing", "meeting_scheduled", "meeting_held", "in_follow_up"] | None = (
        Field(
            None,
            description="For `case_closed`: the stage the case was at when it closed, e.g. `meeting_scheduled` "
            "for a withdrawal after the meeting was set.",
        )
    )
    fulfilled: bool | None = None


class OutcomePage(Schema):
    outcomes: list[OutcomeOut]
    next_cursor: str = Field(description="Pass as `since` to get the outcomes after these.")


class FieldErrorOut(Schema):
    field: str
    code: str
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    fields: list[FieldErrorOut]


class ErrorOut(Schema):
    error: ErrorBody
