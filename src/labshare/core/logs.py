"""Logging filters."""

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """django.request logs a 403 with the PermissionDenied traceback; keep the line, drop the
    traceback, so real faults stand out in the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
