"""Response headers that Django does not set by itself, and database trouble as a 503."""

import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation

from core.database import is_database_trouble
from core.i18n import end_page, start_page

logger = logging.getLogger("portal.database")


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy.

    Public pages get settings.CONTENT_SECURITY_POLICY: nothing from another host but the
    YouTube no-cookie player and uploaded media, no inline script or style. The admin's
    widgets set inline styles, so /admin/ gets settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY,
    which allows those and nothing else more. Both report violations to /csp-report/.

    With object storage, images come from the bucket's host: the custom domain, or the
    host that /media/ redirects to (a browser checks a redirect's target against img-src
    too). That host is the storage's own answer (core.object_storage), so it follows
    the configuration, and both policies allow it in img-src. Pages show media only in
    <img> and <picture>; nothing plays audio or video from storage (media-src stays 'self').
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/") and parts.config is None:
            parts.config = settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        origin = getattr(default_storage, "origin", None)
        if origin and not report_only:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", ()), origin]
            parts.update = update
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


class TranslationNoteMiddleware:
    """Says once, on a page that shows the portal's own translations, that it does.

    While a page renders, the `translated` tag records the origin of every text it
    shows in the page's language (core.i18n.note_shown). The page's template leaves a
    marker where the note goes (base.html); here the marker becomes the note in the
    visitor's language, with a link to the English page, or nothing.
    """

    MARKER = b"<!--portal:translation-note-->"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = start_page()
        try:
            response = self.get_response(request)
        finally:
            shown = end_page(token)
        if getattr(response, "streaming", False) or self.MARKER not in getattr(response, "content", b""):
            return response
        note = b""
        if shown.portal or shown.outdated:
            language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
            with translation.override(language):
                english = translate_url(request.get_full_path(), "en")
                note = render_to_string(
                    "includes/translation_note.html",
                    {"portal": shown.portal, "outdated": shown.outdated, "english_url": english},
                ).encode()
        response.content = response.content.replace(self.MARKER, note)
        if response.has_header("Content-Length"):
            # Set by CommonMiddleware, inside this one, for the page with its marker.
            response["Content-Length"] = str(len(response.content))
        return response
