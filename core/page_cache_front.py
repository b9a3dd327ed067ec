"""The page cache's front: a WSGI application around Django's that answers page-cache
hits before Django's handler, middleware, URL resolving and signals run (see
core.page_cache, "Two ways in, one lookup"). Wired in legacy_portal/wsgi.py."""

import time

from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from core.logging import log_request, request_id_for, request_id_var
from core.page_cache import answer, cacheable_request, key_for, lookup, pause, paused, shared


class PageCacheFront:
    """A WSGI application in front of Django's that answers hits itself, as the
    middleware would (see the module's docstring), and hands the rest to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        response = self.hit(environ)
        if response is None:
            return self.application(environ, start_response)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]

    def hit(self, environ):
        """The response from a fresh entry (with an id and a log line), or None."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not shared() or paused():
            return None
        started = time.monotonic()
        # A copy: WSGIRequest decodes PATH_INFO and SCRIPT_NAME in the environ it is
        # given, and Django must get them as the server wrote them.
        request = WSGIRequest(environ.copy())
        if not cacheable_request(request):
            return None
        try:
            key = key_for(request)
        except DisallowedHost:
            return None  # Django answers 400 and logs it as it does
        try:
            found = lookup(key, query=False)
        except Exception as error:
            pause(error)
            return None
        if found is None or found[1] is None:
            return None
        response = answer(request, found[1])
        request_id = request_id_for(request)
        response["X-Request-ID"] = request_id
        token = request_id_var.set(request_id)
        try:
            log_request(request, response, started)
        finally:
            request_id_var.reset(token)
        return response
