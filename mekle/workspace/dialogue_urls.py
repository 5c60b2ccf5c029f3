"""Message pages of this door (included by the door's urls.py under a case, in its namespace)."""

from django.urls import path

from .views import dialogue

urlpatterns = [
    path("", dialogue.thread, name="messages"),
    path("pause/", dialogue.pause, name="messages_pause"),
    path("mediator/", dialogue.mediator_messages, name="messages_mediator"),
    path("direct/", dialogue.restore_direct, name="messages_restore_direct"),
    path("proposals/<int:proposal_id>/carry/", dialogue.carry, name="proposal_carry"),
]
