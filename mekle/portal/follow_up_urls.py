"""Agreement pages of this door (included by the door's urls.py, in its namespace)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
