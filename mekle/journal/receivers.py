"""What happens after a sign-in link or a proposal is made: the worker e-mails it."""

from typing import Any

from django.dispatch import receiver

from .models import Proposal, SignInLink
from .signals import proposal_sent, sign_in_link_issued
from .tasks import send_proposal_email, send_sign_in_email


@receiver(sign_in_link_issued, sender=SignInLink, dispatch_uid="journal.email_sign_in_link")
def email_sign_in_link(sender: type[SignInLink], link_id: int, language: str, **kwargs: Any) -> None:
    send_sign_in_email.enqueue(link_id=link_id, language=language)


@receiver(proposal_sent, sender=Proposal, dispatch_uid="journal.email_proposal")
def email_proposal(sender: type[Proposal], proposal_id: int, language: str, **kwargs: Any) -> None:
    send_proposal_email.enqueue(proposal_id=proposal_id, language=language)
