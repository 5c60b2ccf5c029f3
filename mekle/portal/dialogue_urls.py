"""Messages, proposals and the good-faith record of a party's case, and the public record check
(included by the door's urls.py at its root, in its namespace)."""

from django.urls import path

from .views import dialogue

own_case = "portal/cases/<str:reference>/"

urlpatterns = [
    path("check-record/", dialogue.check_record, name="check_record"),
    path(own_case + "messages/", dialogue.thread, name="messages"),
    path(own_case + "messages/write/", dialogue.write, name="write_message"),
    path(own_case + "messages/setting/", dialogue.message_setting, name="message_setting"),
    path(own_case + "messages/mediator-only/", dialogue.mediator_channel, name="mediator_channel"),
    path(own_case + "messages/direct-contact/", dialogue.direct_contact, name="direct_contact"),
    path(own_case + "messages/flagged/", dialogue.flagged_setting, name="flagged_setting"),
    path(own_case + "proposals/", dialogue.proposals, name="proposals"),
    path(own_case + "proposals/<int:proposal_id>/", dialogue.proposal, name="proposal"),
    path(own_case + "proposals/<int:proposal_id>/answer/", dialogue.answer, name="answer_proposal"),
    path(own_case + "good-faith-record/", dialogue.record, name="goodfaith_record"),
    path(
        own_case + "good-faith-record/<str:code>.<str:fmt>",
        dialogue.record_download,
        name="goodfaith_record_download",
    ),
]
