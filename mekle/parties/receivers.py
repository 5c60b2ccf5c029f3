"""What happens after a portal invitation is made: the worker e-mails its sign-in link."""

from typing import Any

from django.dispatch import receiver

from .models import PortalInvitation
from .signals import invitation_made
from .tasks import send_invitation_email


@receiver(invitation_made, sender=PortalInvitation, dispatch_uid="parties.email_invitation")
def email_invitation(sender: type[PortalInvitation], invitation_id: int, **kwargs: Any) -> None:
    send_invitation_email.enqueue(invitation_id=invitation_id)
