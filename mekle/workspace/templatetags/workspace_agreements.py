"""The agreement section of the staff case page: read only when the case can have an agreement."""

from dataclasses import dataclass
from typing import Any

from django import template

from mekle.access import rules
from mekle.agreements import selectors
from mekle.agreements.models import AgreementVersion
from mekle.cases.models import Case, Status

register = template.Library()

# Before its meeting is held a case has no agreement, so the page asks nothing about one.
AGREEMENT_STATUSES = frozenset(
    {Status.MEETING_HELD, Status.IN_FOLLOW_UP, Status.FULFILLED, Status.NOT_FULFILLED, Status.WITHDRAWN}
)


@dataclass(frozen=True)
class AgreementPanel:
    version: AgreementVersion | None
    signed: int
    required: int
    can_start: bool


@register.simple_tag(takes_context=True)
def agreement_panel(context: Any, case: Case) -> AgreementPanel | None:
    if case.status not in AGREEMENT_STATUSES:
        return None
    version = selectors.current_version(case)
    if version is None:
        user = context["request"].user
        can_start = case.status == Status.MEETING_HELD and rules.can_draft_agreement(user, case)
        return AgreementPanel(version=None, signed=0, required=0, can_start=can_start)
    signers = selectors.required_signers(version) if version.is_frozen else []
    return AgreementPanel(
        version=version, signed=sum(s.signed for s in signers), required=len(signers), can_start=False
    )
