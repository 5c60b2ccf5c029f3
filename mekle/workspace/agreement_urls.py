"""Agreement pages of this door (included by the door's urls.py, in its namespace)."""

from django.urls import path

from .views import agreements

version = "versions/<int:number>/"

urlpatterns = [
    path("", agreements.agreement, name="agreement"),
    path("start/", agreements.start, name="agreement_start"),
    path("close/", agreements.close_without_agreement, name="agreement_close_without"),
    path(version, agreements.version_page, name="agreement_version"),
    path(version + "edit/", agreements.edit, name="agreement_edit"),
    path(version + "send/", agreements.send, name="agreement_send"),
    path(version + "revise/", agreements.revise, name="agreement_revise"),
    path(version + "signatures/new/", agreements.record_signature, name="agreement_record_signature"),
    path(version + "approve/", agreements.approve, name="agreement_approve"),
    path(version + "refuse/", agreements.refuse, name="agreement_refuse"),
]
