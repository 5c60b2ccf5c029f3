"""My sessions (included by the door's urls.py, in its namespace; tests/permissions/test_sessions_matrix.py
tries every route here)."""

from django.urls import path

from .views import sessions

urlpatterns = [
    path("", sessions.my_sessions, name="my_sessions"),
    path("<int:session_id>/end/", sessions.end_session, name="end_session"),
    path("end-others/", sessions.end_other_sessions, name="end_other_sessions"),
]
