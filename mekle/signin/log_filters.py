"""Logging filters for the settings' LOGGING (imported before the apps are ready: no models)."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404


class RefusalWithoutTraceback(logging.Filter):
    """Keep Django's "Forbidden" and "Not Found" lines, drop their tracebacks: a refusal is the
    access control working, written to the staff audit log, not an error to debug."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied | Http404):
            record.exc_info = None
            record.exc_text = None
        return True
