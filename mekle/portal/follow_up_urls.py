"""Follow-up pages of this door (included by the door's urls.py, in its namespace)."""

from django.urls import URLPattern, path

from .views import follow_up

urlpatterns: list[URLPattern] = [
    path("", follow_up.follow_up_page, name="follow_up"),
    path("documents/<int:document_id>/", follow_up.download, name="agreement_document"),
]
