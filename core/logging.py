"""Quiet, useful logs: one line per request, one per problem, each with the request's id.

The request id comes from the client's or proxy's `X-Request-ID` when it is a plain
token, or is made here; it is sent back in the response's `X-Request-ID`, so a visitor
or an operator can quote it, and it is on every log line written while the request
is served. With DJANGO_LOG_FORMAT=json each line is one JSON object (an error's
traceback included), for a log collector; otherwise plain text for a terminal.
"""

import contextvars
import json
import logging
import re
import time
import traceback
import uuid

request_id_var = contextvars.ContextVar("request_id", default="-")
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{8,64}")
access_logger = logging.getLogger("portal.request")


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every record (as `request_id`)."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class NotABugFilter(logging.Filter):
    """For records about the outside world, not the code (a bad Host header): a warning,
    without a traceback."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


# Attributes every LogRecord has; anything else was passed as `extra` and is logged too.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        entry.update(
            {
                key: value
                for key, value in vars(record).items()
                if key not in _STANDARD and not key.startswith("_")
            }
        )
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info)).strip()
        return json.dumps(entry, default=str, ensure_ascii=False)


def request_id_for(request):
    """The client's or proxy's id when it is a plain token, else a new one."""
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    return incoming if REQUEST_ID_PATTERN.fullmatch(incoming) else uuid.uuid4().hex


def log_request(request, response, started):
    """The request's one access-log line; `started` is its time.monotonic() at arrival."""
    access_logger.info(
        "%s %s %s %.1fms",
        request.method,
        request.get_full_path()[:300],
        response.status_code,
        (time.monotonic() - started) * 1000,
        extra={
            "method": request.method,
            "path": request.path[:300],
            "status": response.status_code,
            "duration_ms": round((time.monotonic() - started) * 1000, 1),
            "cache": response.get("X-Page-Cache", ""),  # hit, miss, or "" (not cacheable)
        },
    )


class RequestLogMiddleware:
    """Outermost: gives the request its id, and logs one line when the response is ready.

    A page-cache hit answered in front of Django (core.page_cache.PageCacheFront) gets
    its id and its line from the same two functions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request)
        token = request_id_var.set(request_id)
        request.request_id = request_id
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            log_request(request, response, started)
            return response
        finally:
            request_id_var.reset(token)
