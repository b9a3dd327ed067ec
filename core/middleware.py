"""Response headers that Django does not set by itself, and database trouble as a 503."""

import logging

from csp.middleware import CSPMiddleware
from django.conf import settings

from core.database import is_database_trouble

logger = logging.getLogger("portal.database")


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy.

    Public pages get settings.CONTENT_SECURITY_POLICY: nothing from another host but the
    YouTube no-cookie player, no inline script or style. The admin's widgets set inline
    styles, so /admin/ gets settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY, which allows
    those and nothing else more. Both report violations to /csp-report/.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/") and parts.config is None:
            parts.config = settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """No page needs the camera, the microphone or the visitor's position."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Reporting-Endpoints", 'csp="/csp-report/"')
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


class ReadOnlySiteMiddleware:
    """The public site is read-only: other methods than GET, HEAD and OPTIONS answer 405.

    Without this, CSRF protection answered a PUT or DELETE on a public page with 403,
    as if the method were allowed but forbidden. The admin and the CSP report endpoint
    take POSTs and are left alone.
    """

    ALLOWED = ("GET", "HEAD", "OPTIONS")
    WRITABLE_PREFIXES = ("/admin/", "/csp-report/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.ALLOWED and not request.path_info.startswith(self.WRITABLE_PREFIXES):
            from core.views import method_not_allowed

            return method_not_allowed(request, self.ALLOWED)
        return self.get_response(request)
