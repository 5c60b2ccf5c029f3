"""Portal access for parties and guardians: their sign-in accounts and personal invitation links."""

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from sesame.utils import get_query_string

from mekle.accounts.models import Role, User
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.lib import clock

from ..models import Guardian, Party, PortalInvitation


@dataclass(frozen=True)
class InvitationLink:
    invitation: PortalInvitation
    url: str


def invitation_scope(invitation: PortalInvitation) -> str:
    """The sesame scope that ties a token to one invitation: a token for another invitation fails."""
    return f"portal-invitation:{invitation.pk}"


def invitation_url(invitation: PortalInvitation) -> str:
    """A fresh signed link for `invitation` (every link of one invitation works once between them)."""
    path = reverse("portal:sign_in", kwargs={"invitation_id": invitation.pk})
    query: str = get_query_string(invitation.user, scope=invitation_scope(invitation))
    return f"{settings.MEKLE_PUBLIC_URL}{path}{query}"


def portal_user_for(*, party: Party, guardian: Guardian | None = None) -> User:
    """The portal account of a party (or of one of its guardians), created on first need.

    One account per person in a case: the same e-mail address in two cases is not treated as the
    same person, since families often share an address.
    """
    person: Party | Guardian = guardian if guardian is not None else party
    if person.user_id is not None:
        user: User = person.user  # type: ignore[assignment]  # set just above
        return user
    first, _space, last = person.full_name.partition(" ")
    user = User(
        username=f"portal-{secrets.token_hex(8)}",
        first_name=first[:150],
        last_name=last[:150],
        email=person.email,
        role=Role.PARTY,
    )
    user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


def _who(party: Party, guardian: Guardian | None) -> dict[str, Any]:
    name = guardian.full_name if guardian else party.full_name
    return {"party_id": party.pk, "guardian_id": guardian.pk if guardian else None, "name": name}


@transaction.atomic
def invite_to_portal(
    *, actor: Any, party: Party, guardian: Guardian | None = None, send_email: bool = True
) -> InvitationLink:
    """Give a party (or a minor's guardian) a personal sign-in link, and e-mail it if asked and possible.

    Earlier links of the same person stop working: only the newest invitation is valid.
    """
    case = case_services.lock_case(party.case)
    lifecycle.ensure_open(case)
    if guardian is not None and guardian.party_id != party.pk:
        raise lifecycle.GuardError([_("That guardian does not belong to this party.")])
    email = (guardian.email if guardian else party.email).strip()
    if send_email and not email:
        raise lifecycle.GuardError(
            [_("There is no e-mail address to send the link to. Give the link by SMS or letter.")]
        )
    now = clock.now()
    user = portal_user_for(party=party, guardian=guardian)
    PortalInvitation.objects.filter(
        party=party, guardian=guardian, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    invitation = PortalInvitation.objects.create(
        party=party,
        guardian=guardian,
        user=user,
        sent_to=email if send_email else "",
        created_by=actor if actor is not None and actor.is_authenticated else None,
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.MEKLE_INVITATION_DAYS),
    )
    case_services.record_event(
        case=case,
        kind="portal_invitation_created",
        actor=actor,
        payload={**_who(party, guardian), "by_email": send_email, "expires_at": invitation.expires_at.isoformat()},
    )
    if send_email:
        from ..tasks import send_invitation_email

        transaction.on_commit(lambda: send_invitation_email.enqueue(invitation_id=invitation.pk))
    return InvitationLink(invitation=invitation, url=invitation_url(invitation))


@transaction.atomic
def revoke_invitation(*, actor: Any, invitation: PortalInvitation) -> PortalInvitation:
    case = case_services.lock_case(invitation.party.case)
    invitation = PortalInvitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if invitation.state_at(clock.now()) != "active":
        raise lifecycle.GuardError([_("This link no longer works, so there is nothing to revoke.")])
    invitation.revoked_at = clock.now()
    invitation.save(update_fields=["revoked_at"])
    case_services.record_event(
        case=case,
        kind="portal_invitation_revoked",
        actor=actor,
        payload=_who(invitation.party, invitation.guardian),
    )
    return invitation


@transaction.atomic
def use_invitation(*, invitation: PortalInvitation) -> PortalInvitation:
    """Mark a link as used by the person who just signed in with it. Raises GuardError if it no longer works."""
    invitation = (
        PortalInvitation.objects.select_for_update(of=("self",)).select_related("party__case").get(pk=invitation.pk)
    )
    if invitation.state_at(clock.now()) != "active":
        raise lifecycle.GuardError([_("This link no longer works.")])
    case = case_services.lock_case(invitation.party.case)
    invitation.used_at = clock.now()
    invitation.save(update_fields=["used_at"])
    case_services.record_event(
        case=case,
        kind="portal_signed_in",
        actor=invitation.user,
        payload=_who(invitation.party, invitation.guardian),
    )
    return invitation
