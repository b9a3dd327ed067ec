"""What every response under /api/ shares, whatever answered it: CORS, the preflight,
HEAD, read-only methods, and errors as JSON (never the site's HTML error pages).

Placed above everything that can answer under /api/ but the page cache
(settings.MIDDLEWARE), so that a 304 and an error from anywhere below (an unknown
address, a database in trouble) get `Access-Control-Allow-Origin: *` and a JSON body.
The page cache stores answers with these headers and JSON bodies, and keeps the CORS
headers on the 304s it makes itself (core.page_cache.KEPT_ON_CONDITIONAL).
"""

import http
import json

from django.http import HttpResponse

PREFIX = "/api/"
METHODS = "GET, HEAD, OPTIONS"
# Response headers a script on another site may read (besides the CORS-safelisted ones).
EXPOSED = "ETag, Content-Disposition, Retry-After, Allow, X-Request-ID"
DETAILS = {
    404: "There is nothing at this address. The datasets are listed at /api/v1/.",
    405: "The open data is read-only: use GET (or HEAD, or OPTIONS for a CORS preflight).",
    500: "Something went wrong on the portal's side. Try again later.",
    503: "The portal cannot reach its data just now. Try again in a minute.",
}
KEPT_HEADERS = ("Allow", "Retry-After", "Cache-Control", "X-Request-ID")


def json_error(status, detail=None, *, headers=None):
    body = {
        "status": status,
        "title": http.HTTPStatus(status).phrase,
        "detail": detail or DETAILS.get(status, "The request could not be understood."),
        "errors": [],
    }
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def is_json(response):
    return response.get("Content-Type", "").split(";")[0].strip() == "application/json"


def as_json(response):
    """An error page (HTML, plain text) of the site, in the API's own form."""
    if response.status_code < 400 or is_json(response):
        return response
    kept = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return json_error(response.status_code, headers=kept)


def allow_any_origin(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED
    return response


def preflight(request):
    """A browser asks whether a script on another site may send this request: it may,
    with GET or HEAD and any header (no cookies are used)."""
    response = HttpResponse(status=204)
    del response["Content-Type"]
    response["Allow"] = METHODS
    response["Access-Control-Allow-Methods"] = METHODS
    requested = request.headers.get("Access-Control-Request-Headers", "")
    if requested:
        response["Access-Control-Allow-Headers"] = requested
    response["Access-Control-Max-Age"] = "86400"
    return response


class OpenDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return allow_any_origin(preflight(request))
        if request.method not in ("GET", "HEAD"):
            return allow_any_origin(json_error(405, headers={"Allow": METHODS}))
        head = request.method == "HEAD"
        if head:
            # The API's operations answer GET; HEAD is the same answer without its body.
            request.method = "GET"
        response = as_json(self.get_response(request))
        if head:
            request.method = "HEAD"
        if head and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return allow_any_origin(response)
