"""What happens after a message reaches a party: the worker tells them, without the words."""

from typing import Any

from django.dispatch import receiver

from .models import Message
from .signals import message_delivered
from .tasks import notify_new_message


@receiver(message_delivered, sender=Message, dispatch_uid="dialogue.notify_delivered_message")
def notify_delivered_message(
    sender: type[Message], message_id: int, include_guardians: bool = False, **kwargs: Any
) -> None:
    notify_new_message.enqueue(message_id=message_id, include_guardians=include_guardians)
