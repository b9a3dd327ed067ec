"""Site-wide views and the view mixins the content apps share."""

import json
import logging
import sys
import time

from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import ListView

from core.database import RETRY_AFTER_SECONDS, is_database_trouble
from core.i18n import fallback_language, shown_language
from core.models import HealthCheck
from core.structured_data import PageData

logger = logging.getLogger(__name__)


class PageMixin:
    """What base.html needs from every page: title, description, breadcrumbs, and what
    the page says about itself to machines (JSON-LD, OpenGraph image).

    `breadcrumbs` lists the ancestors as (label, URL) pairs; the home page starts
    them and the current page (its title) ends them. `feed` is the Atom feed of the
    page's kind (a core.feeds.PortalFeed), which its head announces besides the feed of
    everything (the `feed_links` tag); a page about one object may add its own.
    """

    page_title = ""
    page_description = ""
    nav_section = ""
    # The schema.org type of the page itself (lists are CollectionPages).
    page_type = "WebPage"
    feed = None

    def get_page_title(self):
        return self.page_title

    def get_page_description(self):
        return self.page_description

    def get_breadcrumbs(self):
        return []

    def describe(self, data):
        """Add what the page is about to `data` (a core.structured_data.PageData): its
        schema.org entities, from what the view has already fetched (no query of its own)."""

    def get_og_image(self, data):
        """The page's image for link previews: {"url", "width", "height", "alt"}, or None.
        Sizes are the stored ones: no file is opened."""
        return None

    def get_feed_links(self):
        """The feeds this page announces in its head, besides the feed of everything (no query)."""
        return [self.feed.feed_link()] if self.feed else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed_links"] = self.get_feed_links()
        context["page_title"] = self.get_page_title()
        context["page_description"] = self.get_page_description()
        context["breadcrumbs"] = self.get_breadcrumbs()
        context["nav_section"] = self.nav_section
        data = PageData(self.request, page_type=self.page_type)
        self.describe(data)
        context["structured_data"] = data
        context["og_image"] = self.get_og_image(data)
        return context


class PreviewableDetailMixin(PageMixin):
    """Detail pages: live objects for the public; drafts for staff who may change them.

    A draft preview is marked as such on the page and is never cached or indexed.
    The page title and description come from the object's title and summary.
    """

    fallback_fields = ("title", "summary", "body")
    title_field = "title"
    # The field the page's meta description is cut from (None: the view writes its own).
    description_field = "summary"
    list_title = ""
    list_url_name = ""

    def get_page_title(self):
        return getattr(self.object, self.title_field)

    def get_page_description(self):
        return Truncator(getattr(self.object, self.description_field, "") or "").chars(160)

    def get_breadcrumbs(self):
        return [(self.list_title, reverse(self.list_url_name))] if self.list_url_name else []

    def get_queryset(self):
        return self.model.objects.for_detail().visible_to(self.request.user)

    def describe(self, data):
        data.page.update(data.publication_dates(self.object))
        if self.description_field:
            data.description_language = data.shown_language(self.object, self.description_field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fallback_language"] = fallback_language(self.object, self.fallback_fields)
        # The breadcrumb's last item is the title: it carries its language when that differs.
        shown = shown_language(self.object, self.title_field)
        context["page_title_lang"] = shown if shown and shown != get_language() else ""
        context["is_preview"] = not self.object.is_live
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview"):
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
        return response


class PortalListView(PageMixin, ListView):
    """List pages: live objects only, with a fixed number of queries (see for_listing())."""

    paginate_by = 50
    page_type = "CollectionPage"

    def get_queryset(self):
        return self.model.objects.live().for_listing()


def _check(name, check):
    try:
        check()
    except Exception as exc:
        logger.warning("Health check: %s failed: %s", name, exc)
        return "unavailable"
    return "ok"


def _read():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _write():
    """A real write, rolled back: fails when the database is read-only or locked."""
    with transaction.atomic():
        HealthCheck.objects.update_or_create(pk=1, defaults={"checked_at": timezone.now()})
        transaction.set_rollback(True)


def _cache():
    cache.get("portal:healthz")


@require_safe
@never_cache
def healthz(request):
    """200 when the database can be read and written, 503 when not; says which.

    The cache is reported but does not fail the check: without it the site is slower,
    not broken. It answers over plain HTTP too (a load balancer's probe), see
    SECURE_REDIRECT_EXEMPT.
    """
    checks = {"database_read": _check("database read", _read)}
    checks["database_write"] = (
        _check("database write", _write) if checks["database_read"] == "ok" else "unavailable"
    )
    checks["cache"] = _check("cache", _cache)
    healthy = checks["database_read"] == checks["database_write"] == "ok"
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _error(request, status, title, message):
    # Error pages must not depend on the database: the template runs no queries.
    context = {"error_title": title, "page_title": title, "error_message": message, "status_code": status}
    try:
        return render(request, "error.html", context, status=status)
    except Exception:
        logger.exception("Could not render the %s page", status)
        return HttpResponse(f"<!doctype html><title>{status}</title><h1>{status}</h1>", status=status)


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        _("Sorry, there is a problem with that request"),
        _("The address or the search you sent could not be understood. Check it and try again."),
    )


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("You do not have access to this page"),
        _("If you are a member of staff, sign in with an account that has access."),
    )


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Page not found"),
        _(
            "If you typed the web address, check it is correct. "
            "If you pasted it, check you copied the entire address."
        ),
    )


def method_not_allowed(request, allowed):
    response = _error(
        request,
        405,
        _("This address only gives information"),
        _("It cannot take what was sent to it. Open it in a browser instead."),
    )
    response["Allow"] = ", ".join(allowed)
    return response


def service_unavailable(request):
    response = _error(
        request,
        503,
        _("Sorry, the service is unavailable"),
        _("The portal cannot reach its data just now. Try again in a minute."),
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    if is_database_trouble(sys.exc_info()[1]):
        return service_unavailable(request)
    return _error(
        request,
        500,
        _("Sorry, there is a problem with the service"),
        _("Try again later. The problem has been recorded."),
    )


CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORTS_PER_MINUTE = 30
csp_logger = logging.getLogger("portal.csp")


def _csp_reports(body):
    """The violations in a report, whichever format the browser used (report-uri or report-to)."""
    data = json.loads(body)
    if isinstance(data, dict) and "csp-report" in data:
        return [data["csp-report"]]
    if isinstance(data, list):
        return [item.get("body", {}) for item in data if isinstance(item, dict)]
    return []


def _report_allowed(request):
    """At most CSP_REPORTS_PER_MINUTE reports are logged per minute (a page can send hundreds)."""
    key = f"csp-reports:{int(time.time() // 60)}"
    try:
        cache.add(key, 0, timeout=120)
        return cache.incr(key) <= CSP_REPORTS_PER_MINUTE
    except Exception:
        return True


@csrf_exempt
@require_POST
def csp_report(request):
    """Log Content-Security-Policy violations that browsers report, one line each (rate-limited)."""
    body = request.read(CSP_REPORT_MAX_BYTES + 1)
    if len(body) > CSP_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        reports = _csp_reports(body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse(status=400)
    for report in reports[:10]:
        if not isinstance(report, dict) or not _report_allowed(request):
            continue
        csp_logger.warning(
            "CSP violation: %s blocked %s on %s",
            str(report.get("violated-directive") or report.get("effectiveDirective") or "?")[:100],
            str(report.get("blocked-uri") or report.get("blockedURL") or "?")[:200],
            str(report.get("document-uri") or report.get("documentURL") or "?")[:200],
        )
    return HttpResponse(status=204)


@require_safe
def print_css(request):
    """The print stylesheet's one rule that needs the site's address: links within the
    site print with their full address ("/en/videos/" → "https://host/en/videos/")."""
    origin = request.build_absolute_uri("/").rstrip("/").replace('"', "")
    css = (
        "@media print {\n"
        f'  main a[href^="/"]:not(.download)::after {{ content: " ({origin}" attr(href) ")"; '
        "font-size: 9pt; word-break: break-all; }\n"
        f'  a.download[href^="/"]::after {{ content: " ({origin}" attr(href) ")"; }}\n'
        "}\n"
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
