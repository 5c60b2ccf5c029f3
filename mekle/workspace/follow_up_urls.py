"""Follow-up pages of this door (included by the door's urls.py under `follow-up/`, in its namespace)."""

from django.urls import URLPattern, path

from .views import agreement_documents, follow_up

urlpatterns: list[URLPattern] = [
    path("commitments/", follow_up.follow_up_page, name="follow_up"),
    path("commitments/<int:commitment_id>/", follow_up.check_commitment, name="check_commitment"),
    path("conclusion/", follow_up.conclude, name="conclude_by_answers"),
    path("documents/<int:document_id>/", agreement_documents.download, name="agreement_document"),
]
