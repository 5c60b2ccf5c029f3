"""What makes a referral valid: who may refer which case type, what a police or court referral carries, ages.

One rule set for every door. ``parties.services.register_referral`` refuses on it, the staff form
places each problem on its field, and the API maps it to its error shape. Pure functions of their
arguments (``today`` included), so one table tests them without a database.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _

from mekle.cases.models import CRIMINAL_CASE_TYPES, CaseType, ReferrerKind

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


def referrer_problems(
    *,
    case_type: str,
    referrer_kind: str,
    referrer_reference: str,
    decision_date: dt.date | None,
    today: dt.date,
) -> list[Problem]:
    """Whether this referrer may send this case type, and with what it must come."""
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
    if decision_date is not None and decision_date > today:
        problems.append(Problem("referrer_decision_date", "date_in_future", _("The date cannot be in the future.")))
    return problems


def party_problems(*, index: int, date_of_birth: dt.date | None, has_guardian: bool, today: dt.date) -> list[Problem]:
    """A party under 18 (``ADULT_AGE``) comes with at least one guardian."""
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
) -> list[Problem]:
    """Every reason this referral cannot open a case; empty when it can."""
    problems = referrer_problems(
        case_type=case_type,
        referrer_kind=referrer_kind,
        referrer_reference=referrer_reference,
        decision_date=decision_date,
        today=today,
    )
    if not parties:
        problems.append(Problem("parties", "required", _("Register at least one party.")))
    for index, party in enumerate(parties):
        problems += party_problems(
            index=index, date_of_birth=party.date_of_birth, has_guardian=bool(party.guardians), today=today
        )
    return problems
