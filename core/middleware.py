"""Response headers that Django does not set by itself."""

from urllib.parse import urlsplit

from django.conf import settings


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
