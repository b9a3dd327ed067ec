"""Response headers that Django does not set by itself, and database trouble as a 503."""

import logging
from urllib.parse import urlsplit

from django.conf import settings

from core.database import is_database_trouble

logger = logging.getLogger("portal.database")


def _media_origin():
    parts = urlsplit(settings.MEDIA_URL)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


class SecurityHeadersMiddleware:
    """A Content-Security-Policy for public pages, and a Permissions-Policy.

    Public pages load nothing from another host; the only third party allowed is the
    YouTube no-cookie player, framed after the visitor clicks. The admin is left
    without a CSP because its widgets use inline styles.

    script-src allows 'unsafe-inline' although no template has an inline script (a
    test checks that): accessibility audits (axe-core, injected as an inline script by
    the audit tools this project runs in CI) must be able to run on the real pages.
    Scripts from other hosts stay blocked.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        media = _media_origin()
        img_src = "'self' data:" + (f" {media}" if media else "")
        self.csp = "; ".join(
            [
                "default-src 'self'",
                f"img-src {img_src}",
                "script-src 'self' 'unsafe-inline'",
                "style-src 'self'",
                "font-src 'self'",
                "frame-src https://www.youtube-nocookie.com",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ]
        )

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", self.csp)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DatabaseTroubleMiddleware:
    """A view that meets an unreachable, read-only or locked database answers 503.

    The page is the site's own error page, in the visitor's language, with
    Retry-After, and the trouble is logged in one line (no traceback: it is not a
    bug). Trouble met outside a view (in a middleware or a template) reaches
    handler500, which answers the same way (core.views.server_error).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_trouble(exception):
            return None
        from core.views import service_unavailable

        logger.warning("Database trouble on %s %s: %s", request.method, request.path, exception)
        return service_unavailable(request)
