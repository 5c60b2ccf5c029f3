"""The cooperation journal outside any case (included at /journal/ in the portal namespace)."""

from django.urls import path

from .views import journal

urlpatterns = [
    path("", journal.start, name="journal_start"),
    path("sign-in/", journal.request_link, name="journal_request_link"),
    path("sign-in/sent/", journal.link_sent, name="journal_link_sent"),
    path("sign-in/<int:link_id>/", journal.sign_in, name="journal_sign_in"),
    path("sign-out/", journal.sign_out, name="journal_sign_out"),
    path("deleted/", journal.deleted, name="journal_deleted"),
    path("answer/<str:token>/", journal.answer, name="journal_answer"),
    path("mine/", journal.home, name="journal_home"),
    path("mine/new/proposal/", journal.propose, name="journal_propose"),
    path("mine/new/<str:kind>/", journal.add_entry, name="journal_add_entry"),
    path("mine/entries/<int:sequence>/correct/", journal.correct_entry, name="journal_correct_entry"),
    path("mine/export.json", journal.export_json, name="journal_export_json"),
    path("mine/export.pdf", journal.export_pdf, name="journal_export_pdf"),
    path("mine/ask-for-mediation/", journal.ask_for_mediation, name="journal_ask_for_mediation"),
    path("mine/delete/", journal.delete, name="journal_delete"),
]
