"""Writes about notices to staff: telling the case's staff, and marking a notice seen."""

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from mekle.accounts.models import Role, User
from mekle.accounts.types import Actor
from mekle.cases import services as case_services
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import Case, CaseEvent
from mekle.lib import clock

from .models import StaffNotice
from .rules import can_see_notice
from .signals import notices_given


def case_staff(case: Case) -> list[User]:
    """Every active caseworker of the case's office and every mediator assigned to it now."""
    mediator_ids = list(case_services.case_facts(case).mediators)
    staff = User.objects.filter(is_active=True).filter(
        Q(office_id=case.office_id, role=Role.CASEWORKER) | Q(pk__in=mediator_ids, role=Role.MEDIATOR)
    )
    return list(staff.order_by("pk"))


def notify_case_staff(
    *,
    case: Case,
    kind: str,
    event: CaseEvent | None = None,
    recipients: Iterable[Any] | None = None,
    category: str = "",
) -> list[StaffNotice]:
    """Give a notice of `kind` to the case's staff (or to `recipients`), and e-mail them after commit.

    Call it inside the transaction that recorded `event`: the notices are kept or lost with it.
    Without `recipients`, the actor of `event` is not told what they did themselves. `category`
    is a label the e-mail may name ("trussel"); the e-mail never carries a case reference in its
    subject, nor any words a party wrote.
    """
    if recipients is None:
        actor_id = event.actor_id if event is not None else None
        recipients = [user for user in case_staff(case) if user.pk != actor_id]
    now = clock.now()
    notices = StaffNotice.objects.bulk_create(
        StaffNotice(user=user, case=case, kind=kind, event=event, created_at=now) for user in recipients
    )
    if notices:
        ids = [notice.pk for notice in notices]
        transaction.on_commit(partial(notices_given.send, sender=StaffNotice, notice_ids=ids, category=category))
    return notices


@transaction.atomic
def mark_notice_seen(*, actor: Actor, notice: StaffNotice) -> StaffNotice:
    """Close a notice for the person it was given to; nobody else may.

    No case event: a notice is about the reader's own desk, not about the case, and an event would
    move the case's timeline (and every page kept by it) on for nothing.
    """
    if not can_see_notice(actor, notice):
        raise GuardError([_("This notice is not yours.")])
    if notice.seen_at is None:
        notice.seen_at = clock.now()
        notice.save(update_fields=["seen_at"])
    return notice
