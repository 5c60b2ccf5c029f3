"""What makes a referral valid: who may refer which case type, what a police or court referral carries, ages, dates.

One rule set for every door. ``parties.services.register_referral`` refuses on it, the staff form
places each problem on its field, and the API maps it to its error shape. Pure functions of their
arguments (``today`` included), so one table tests them without a database.

And who may change the people's records after registration (`can_correct_contact_details`).
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _

from mekle.cases import rules as case_rules
from mekle.cases.models import CRIMINAL_CASE_TYPES, Case, CaseType, ReferrerKind
from mekle.lib.actors import BaseActor
from mekle.lib.dates import formatted, years_before

from .models import ADULT_AGE, age_on

# Who may send a case of a type the rule names; any referrer may send the others (civil cases).
ONLY_FROM: dict[str, frozenset[str]] = {
    CaseType.YOUTH_SENTENCE: frozenset({ReferrerKind.COURT}),
    **{
        case_type: frozenset({ReferrerKind.POLICE, ReferrerKind.COURT})
        for case_type in CRIMINAL_CASE_TYPES - {CaseType.YOUTH_SENTENCE}
    },
}
# Referrers whose decision the case rests on: they give their reference and the date of the decision.
DECIDING_REFERRERS = frozenset({ReferrerKind.POLICE, ReferrerKind.COURT})

# Plausible dates. Nobody alive was born before 1900; a referral's decision and its receipt lie in
# the past, and at most REFERRAL_YEARS_BACK years back (older paper cases registered late included).
EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)
REFERRAL_YEARS_BACK = 10


@dataclass(frozen=True)
class Problem:
    """One reason a referral is not valid: the field (``referrer_reference``, ``parties[1].guardians``), a code, a sentence."""

    field: str
    code: str
    message: str


class ReferredParty(Protocol):
    @property
    def date_of_birth(self) -> dt.date | None: ...

    @property
    def guardians(self) -> Sequence[object]: ...


def birth_date_problems(*, field: str, date_of_birth: dt.date | None, today: dt.date) -> list[Problem]:
    """A date of birth lies from ``EARLIEST_BIRTH_DATE`` to today."""
    if date_of_birth is None:
        return []
    if date_of_birth < EARLIEST_BIRTH_DATE:
        message = _("The date of birth cannot be before %(date)s.") % {
            "date": formatted(EARLIEST_BIRTH_DATE, "DATE_FORMAT")
        }
        return [Problem(field, "date_too_early", message)]
    if date_of_birth > today:
        return [Problem(field, "date_in_future", _("The date of birth cannot be in the future."))]
    return []


def earliest_referral_date(today: dt.date) -> dt.date:
    return years_before(today, REFERRAL_YEARS_BACK)


def past_date_problems(*, field: str, day: dt.date | None, today: dt.date) -> list[Problem]:
    """A date of something that has happened in a case: not in the future, at most ``REFERRAL_YEARS_BACK`` back."""
    if day is None:
        return []
    if day > today:
        return [Problem(field, "date_in_future", _("The date cannot be in the future."))]
    earliest = earliest_referral_date(today)
    if day < earliest:
        message = _("The date cannot be before %(date)s.") % {"date": formatted(earliest, "DATE_FORMAT")}
        return [Problem(field, "date_too_early", message)]
    return []


def preparation_date_problems(*, held_on: dt.date, received_on: dt.date, today: dt.date) -> list[Problem]:
    """A preparatory talk is recorded once held, and was held after the case came in."""
    if held_on > today:
        return [Problem("held_on", "date_in_future", _("The talk cannot be recorded before it has been held."))]
    if held_on < received_on:
        message = _("The talk cannot be before the case was received (%(date)s).") % {
            "date": formatted(received_on, "DATE_FORMAT")
        }
        return [Problem("held_on", "before_receipt", message)]
    return []


def referral_date_problems(
    *, decision_date: dt.date | None, received_on: dt.date | None, today: dt.date
) -> list[Problem]:
    """The decision to refer and the day the case came in: plausible, and the decision not after the receipt."""
    problems = past_date_problems(field="referrer_decision_date", day=decision_date, today=today)
    problems += past_date_problems(field="received_on", day=received_on, today=today)
    if not problems and decision_date is not None and received_on is not None and decision_date > received_on:
        problems.append(
            Problem(
                "referrer_decision_date",
                "decision_after_receipt",
                _("The decision to refer cannot be later than the day the case was received."),
            )
        )
    return problems


def referrer_problems(
    *,
    case_type: str,
    referrer_kind: str,
    referrer_reference: str,
    decision_date: dt.date | None,
    today: dt.date,
    received_on: dt.date | None = None,
) -> list[Problem]:
    """Whether this referrer may send this case type, with what it must come, and on which dates."""
    problems = []
    allowed = ONLY_FROM.get(case_type)
    if allowed is not None and referrer_kind not in allowed:
        message = (
            _("A youth sentence is referred by a court.")
            if case_type == CaseType.YOUTH_SENTENCE
            else _("Criminal cases come only from the prosecuting authority or a court.")
        )
        problems.append(Problem("referrer_kind", "referrer_not_allowed", message))
    if referrer_kind in DECIDING_REFERRERS or case_type in CRIMINAL_CASE_TYPES:
        if not referrer_reference:
            problems.append(Problem("referrer_reference", "required", _("Give the police's or court's reference.")))
        if decision_date is None:
            problems.append(Problem("referrer_decision_date", "required", _("Give the date of the decision to refer.")))
    return problems + referral_date_problems(decision_date=decision_date, received_on=received_on, today=today)


def party_problems(*, index: int, date_of_birth: dt.date | None, has_guardian: bool, today: dt.date) -> list[Problem]:
    """A plausible date of birth; a party under 18 (``ADULT_AGE``) comes with at least one guardian."""
    problems = birth_date_problems(field=f"parties[{index}].date_of_birth", date_of_birth=date_of_birth, today=today)
    if problems:
        return problems
    if date_of_birth is not None and age_on(date_of_birth, today) < ADULT_AGE and not has_guardian:
        return [
            Problem(
                f"parties[{index}].guardians", "guardian_required", _("A party under 18 needs at least one guardian.")
            )
        ]
    return []


def referral_problems(
    *,
    case_type: str,
    referrer_kind: str,
    referrer_reference: str,
    decision_date: dt.date | None,
    parties: Sequence[ReferredParty],
    today: dt.date,
    received_on: dt.date | None = None,
) -> list[Problem]:
    """Every reason this referral cannot open a case; empty when it can."""
    problems = referrer_problems(
        case_type=case_type,
        referrer_kind=referrer_kind,
        referrer_reference=referrer_reference,
        decision_date=decision_date,
        today=today,
        received_on=received_on,
    )
    if not parties:
        problems.append(Problem("parties", "required", _("Register at least one party.")))
    for index, party in enumerate(parties):
        problems += party_problems(
            index=index, date_of_birth=party.date_of_birth, has_guardian=bool(party.guardians), today=today
        )
    return problems


def can_correct_contact_details(user: BaseActor, case: Case) -> bool:
    """Correct a party's or a guardian's name, e-mail, phone, address or language: the case's own
    caseworkers, who registered them. Not a mediator (assigned or not), a manager or another
    office's caseworker: a changed address decides where sign-in links and letters go."""
    return case_rules.is_office_caseworker(user, case)
