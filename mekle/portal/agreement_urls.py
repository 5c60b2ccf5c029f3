"""Agreement pages of this door (included by the door's urls.py, in its namespace)."""

from django.urls import path

from .views import agreement

urlpatterns = [
    path("", agreement.agreement, name="agreement"),
]
