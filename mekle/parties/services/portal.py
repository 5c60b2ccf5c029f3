"""Portal access for parties and guardians: their sign-in accounts and personal invitation links."""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.models import Role, User
from mekle.accounts.services import sender_key, take_allowance
from mekle.accounts.types import Actor
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.events import EventKind
from mekle.cases.models import Case
from mekle.lib import clock
from mekle.parties import events as parties_events

from .. import selectors
from ..links import invitation_url
from ..models import PortalInvitation
from ..participants import Participant
from ..signals import invitation_made


@dataclass(frozen=True)
class InvitationLink:
    invitation: PortalInvitation
    url: str


def portal_user_for(*, participant: Participant) -> User:
    """The portal account of a party (or of one of its guardians), created on first need.

    One account per person in a case: the same e-mail address in two cases is not treated as the
    same person, since families often share an address.
    """
    person = participant.person
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


def end_sessions_of(user: User) -> None:
    """End every signed-in session of a portal user at once, on every session backend.

    Django signs a session out on its next request when the user's session auth hash, which is
    derived from the password, no longer matches the one stored at sign-in. Portal users have no
    usable password, so a fresh unusable one changes that hash and nothing else; saving also drops
    the cached signed-in user (accounts/receivers.py), and sign-in tokens made before stop, since
    django-sesame signs the password too. Staff accounts are never touched here.
    """
    if user.role != Role.PARTY:
        return
    user.set_unusable_password()
    user.save(update_fields=["password"])


def _issue_invitation(
    *, case: Case, actor: Actor | None, participant: Participant, email: str, kind: EventKind
) -> PortalInvitation:
    """A new invitation for the person; their older links stop, and so do their signed-in sessions."""
    party, guardian, person = participant.party, participant.guardian, participant.person
    had_account = person.user_id is not None
    user = portal_user_for(participant=participant)
    if had_account:
        end_sessions_of(user)  # before the new link's token is signed: it must survive
    if person.portal_access_ended_at is not None:
        person.portal_access_ended_at = None
        person.save(update_fields=["portal_access_ended_at"])
    now = clock.now()
    PortalInvitation.objects.filter(
        party=party, guardian=guardian, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    invitation = PortalInvitation.objects.create(
        party=party,
        guardian=guardian,
        user=user,
        sent_to=email,
        created_by_id=case_services.actor_id_of(actor),
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.MEKLE_INVITATION_DAYS),
    )
    case_services.record_event(
        case=case,
        kind=kind,
        actor=actor,
        payload={**participant.who(), "by_email": bool(email), "expires_at": invitation.expires_at.isoformat()},
    )
    if email:
        transaction.on_commit(lambda: invitation_made.send(sender=PortalInvitation, invitation_id=invitation.pk))
    return invitation


@transaction.atomic
def invite_to_portal(*, actor: Actor | None, participant: Participant, send_email: bool = True) -> InvitationLink:
    """Give a party (or a minor's guardian) a personal sign-in link, and e-mail it if asked and possible.

    Earlier links of the same person stop working: only the newest invitation is valid. Sessions
    the person has signed in with stop too (all of them: a session does not remember its link).
    An invitation after staff ended the person's access opens it again, with a new account.
    """
    case = case_services.lock_case(participant.case)
    lifecycle.ensure_open(case)
    participant.ensure_together()
    email = participant.person.email.strip()
    if send_email and not email:
        raise lifecycle.GuardError(
            [_("There is no e-mail address to send the link to. Give the link by SMS or letter.")]
        )
    invitation = _issue_invitation(
        case=case,
        actor=actor,
        participant=participant,
        email=email if send_email else "",
        kind=parties_events.PORTAL_INVITATION_CREATED,
    )
    return InvitationLink(invitation=invitation, url=invitation_url(invitation))


@transaction.atomic
def revoke_invitation(*, actor: Actor, invitation: PortalInvitation) -> PortalInvitation:
    """Stop an unused link; the person's signed-in sessions end with it (a session does not remember its link)."""
    case = case_services.lock_case(invitation.party.case)
    invitation = PortalInvitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if invitation.state_at(clock.now()) != "active":
        raise lifecycle.GuardError([_("This link no longer works, so there is nothing to revoke.")])
    invitation.revoked_at = clock.now()
    invitation.save(update_fields=["revoked_at"])
    participant = Participant(invitation.party, invitation.guardian)
    if participant.person.user is not None:
        end_sessions_of(participant.person.user)
    case_services.record_event(
        case=case,
        kind=parties_events.PORTAL_INVITATION_REVOKED,
        actor=actor,
        payload=participant.who(),
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
        kind=parties_events.PORTAL_SIGNED_IN,
        actor=invitation.user,
        payload=Participant(invitation.party, invitation.guardian).who(),
    )
    return invitation


@transaction.atomic
def end_portal_access(*, actor: Actor, participant: Participant) -> None:
    """End a party's (or a guardian's) portal access at once: every signed-in session and every unused link.

    The person's record lets go of its portal account, so no session, link or ID-porten sign-in
    reaches this case through it again, and a request for a new link is not answered; the account
    itself stays for the person's other cases, if ID-porten joined any. Staff open the access again
    by inviting the person, which makes a new account. Allowed on a closed case too.
    """
    case = case_services.lock_case(participant.case)
    participant.ensure_together()
    person = participant.person
    person.refresh_from_db(fields=["user", "portal_access_ended_at"])
    now = clock.now()
    stopped = PortalInvitation.objects.filter(
        party=participant.party,
        guardian=participant.guardian,
        used_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).update(revoked_at=now)
    if person.user is None and not stopped:
        raise lifecycle.GuardError([_("This person has no portal access to end.")])
    if person.user is not None:
        end_sessions_of(person.user)
    person.user = None
    person.portal_access_ended_at = now
    person.save(update_fields=["user", "portal_access_ended_at"])
    case_services.record_event(
        case=case,
        kind=parties_events.PORTAL_ACCESS_ENDED,
        actor=actor,
        payload={**participant.who(), "links_stopped": stopped},
    )


def request_portal_links(*, email: str) -> list[PortalInvitation]:
    """A person asked for a new link at `email`: e-mail one to each person reachable there.

    Each person gets an e-mail of their own, in their language and naming their case's office,
    from the same invitation machinery staff use (so older links stop). At most
    MEKLE_LINK_REQUESTS_PER_HOUR per address and per person. The caller answers the same whatever
    this returns, so nobody learns whether an address is known.
    """
    limit = settings.MEKLE_LINK_REQUESTS_PER_HOUR
    if not email.strip() or not take_allowance(key=sender_key("portal-link:address", email), limit=limit):
        return []
    sent = [_send_requested_link(participant=participant) for participant in selectors.people_reachable_at(email)]
    return [invitation for invitation in sent if invitation is not None]


@transaction.atomic
def _send_requested_link(*, participant: Participant) -> PortalInvitation | None:
    case = case_services.lock_case(participant.case)
    person = participant.person
    person.refresh_from_db(fields=["user", "portal_access_ended_at", "email"])
    if person.user_id is None or person.portal_access_ended_at is not None:
        return None  # staff ended the access between the look-up and now
    person_key = f"portal-link:person:{participant.party.pk}:{participant.guardian_id or '-'}"
    if not take_allowance(key=person_key, limit=settings.MEKLE_LINK_REQUESTS_PER_HOUR):
        return None
    return _issue_invitation(
        case=case,
        actor=None,
        participant=participant,
        email=person.email.strip(),
        kind=parties_events.PORTAL_LINK_REQUESTED,
    )
