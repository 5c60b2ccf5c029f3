"""The worker's sweep e-mails an invitation whose task was lost, once; never a used, revoked or unaddressed one."""

import pytest
from django_tasks_db.models import DBTaskResult

from mekle.parties import services, tasks
from mekle.parties.models import PortalInvitation
from mekle.parties.participants import Participant


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_an_invitation_not_yet_e_mailed_is_queued_once(alice, ola, kari, mailoutbox):
    ola.email = "ola@example.no"
    ola.save()
    services.invite_to_portal(actor=alice, participant=Participant(ola))
    services.invite_to_portal(actor=alice, participant=Participant(kari), send_email=False)  # by SMS: no e-mail
    DBTaskResult.objects.all().delete()  # the on-commit enqueue never happened (the process died)
    assert tasks.catch_up_invitations() == 1
    assert tasks.catch_up_invitations() == 0  # waiting already
    (task,) = DBTaskResult.objects.all()
    invitation = PortalInvitation.objects.get(party=ola)
    assert task.args_kwargs["kwargs"] == {"invitation_id": invitation.pk}
    assert tasks.send_invitation_email.call(invitation_id=invitation.pk)
    DBTaskResult.objects.all().delete()
    assert tasks.catch_up_invitations() == 0  # e-mailed
    assert len(mailoutbox) == 1
