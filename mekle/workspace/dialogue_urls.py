"""Message pages of this door (included by the door's urls.py under a case, in its namespace)."""

from django.urls import path

from .views import dialogue

urlpatterns = [
    path("", dialogue.thread, name="messages"),
    path("pause/", dialogue.pause, name="messages_pause"),
    path("write/", dialogue.write, name="messages_write"),
    path("staff-threads/", dialogue.staff_threads, name="messages_staff_threads"),
    path("open-contact/", dialogue.open_contact, name="messages_open_contact"),
    path("held/<int:hold_id>/deliver/", dialogue.deliver_held, name="held_deliver"),
    path("held/<int:hold_id>/return/", dialogue.return_held, name="held_return"),
    path("direct/", dialogue.restore_direct, name="messages_restore_direct"),
    path("proposals/<int:proposal_id>/carry/", dialogue.carry, name="proposal_carry"),
]
