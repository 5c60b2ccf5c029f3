"""Background e-mail for journals: sign-in links to the owner, neutral notices to the other parent."""

from django.db import transaction
from django.utils import translation
from django_tasks import task

from mekle.lib import clock
from mekle.outbox import services as outbox
from mekle.outbox import tasks as outbox_tasks
from mekle.outbox.compose import compose
from mekle.outbox.models import OutboxEmail

from .links import answer_url, sign_in_url
from .models import Proposal, SignInLink

LANGUAGES = ("nb", "nn", "en")


def _queue(template: str, context: dict[str, object], recipient: str, language: str, key: str) -> list[OutboxEmail]:
    """Queue the e-mail in the outbox, in the caller's transaction; the caller sends it after commit.

    A journal belongs to no office: the e-mail ends with the service's general contact."""
    with translation.override(language if language in LANGUAGES else "nb"):
        message = compose(f"journal/email/{template}", context, to=[recipient], office=None)
    return outbox.queue_emails([message], source=f"journal.{template}", keys=[key], hand_to_worker=False)


@task()
def send_sign_in_email(*, link_id: int, language: str = "nb") -> bool:
    """E-mail a sign-in link once. The token is made here, so no sign-in secret sits in the queue."""
    with transaction.atomic():
        link = SignInLink.objects.select_for_update(of=("self",)).select_related("user").filter(pk=link_id).first()
        if link is None or link.emailed_at is not None or not link.is_active_at(clock.now()) or not link.user.email:
            return False
        emails = _queue("sign_in", {"url": sign_in_url(link), "link": link}, link.user.email, language, str(link.pk))
        link.emailed_at = clock.now()
        link.save(update_fields=["emailed_at"])
    outbox_tasks.send_queued(emails)
    return True


@task()
def send_requested_sign_in_link(*, email: str, language: str = "nb") -> bool:
    """Somebody asked for a sign-in link at `email`: looked up here, not in the page, so that the page
    takes as long whether or not the address has a journal."""
    from .services import request_sign_in_link  # the services enqueue this task

    return request_sign_in_link(email=email, language=language) is not None


@task()
def send_proposal_email(*, proposal_id: int, language: str = "nb") -> bool:
    """Tell the other parent, neutrally, that a proposal waits; then forget their address."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().filter(pk=proposal_id).first()
        if proposal is None or proposal.emailed_at is not None or not proposal.sent_to:
            return False
        context = {"url": answer_url(proposal), "proposal": proposal}
        emails = _queue("proposal", context, proposal.sent_to, language, str(proposal.pk))
        proposal.emailed_at = clock.now()
        proposal.sent_to = ""
        proposal.save(update_fields=["emailed_at", "sent_to"])
    outbox_tasks.send_queued(emails)
    return True


def ask_for_sign_in_link(*, email: str, language: str = "nb") -> None:
    """Queue `send_requested_sign_in_link`, so the asking page answers as fast whether or not a journal exists."""
    send_requested_sign_in_link.enqueue(email=email, language=language)
