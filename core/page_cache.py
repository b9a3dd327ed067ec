"""The shared page cache: whole public pages for anonymous visitors, never stale.

What is cached: GET (and HEAD) responses to the public site (the pages under a language
prefix, the sitemaps, robots.txt, the feeds and the open-data API), for a visitor
without a session cookie, whose status is 200 or 404, that set no cookie, are not
streamed and do not say `private` or `no-store`. A view opts out with never_cache.
Never cached: staff (anyone with a session cookie: they may see previews), other
methods, errors, redirects, counted downloads (streamed or redirected) and the admin.

Invalidation: a content version. Every entry records the version it was made under and
the moment it was made. Saving or deleting any row that a page can show (every model
except the few in IGNORED below: sessions, download counts, logs...) moves the version
on once the transaction commits, so the next request, on any node, misses and renders
afresh. Scheduled publishing needs no event: the state also holds the next moment at
which a published item's `publish_at` comes (`next_at`); an entry made before that
moment is stale once it has passed.

Where the version lives:
- with a shared cache (Redis, REDIS_URL set), in the cache itself, moved with an atomic
  INCR (so two nodes publishing at once never lose an increment) and read in the same
  round trip as the page (one MGET per request). If the key is lost (eviction, a Redis
  restart), it starts again from a new epoch (the time in microseconds), so an entry
  from before can never match. A change made while Redis is unreachable cannot move it:
  the node remembers and moves it as soon as Redis answers again, and the key expires
  after VERSION_SECONDS in any case, which bounds how long such a page may be stale.
- with a cache private to each process (local memory, the default), in the database
  (core.PageCacheState, one row): one small query per request, so that every worker
  process sees the same version.

Two ways in, one lookup (`lookup`, `answer`):
- PageCacheMiddleware, second in settings.MIDDLEWARE (after the request log only), so
  the security headers, WhiteNoise and the API's CORS and JSON errors run inside it and
  their headers are stored with the page. It answers hits and fills the cache; it is
  the only way in for the test client, ASGI and a WSGI server without the front.
- PageCacheFront (core.page_cache_front), a WSGI application around Django's
  (legacy_portal/wsgi.py, so gunicorn and runserver have it), for a shared cache
  only: it answers a hit before Django's handler, middleware, URL resolving and
  signals, with the same response, request id and access-log line, and hands
  everything else to Django unchanged (which looks up again and renders, stores or
  answers). It never queries the database: where the next scheduled moment must be
  computed afresh, it hands over too. With a cache private to each process the
  version lives in the database, so that path is left to Django.

Redis unavailable means slower pages (every request renders), never errors.
"""

import hashlib
import logging
import time
from datetime import UTC, datetime

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger("portal.cache")

VERSION_KEY = "portal:pages:version"
NEXT_KEY = "portal:pages:next"
# The shared version key lives this long, then starts a new epoch (see above).
VERSION_SECONDS = 3600
# How long the cached "next scheduled moment" is trusted before it is read again.
NEXT_SECONDS = 60

# Rows that no public page shows: changing them leaves the pages as they are.
IGNORED = {
    "sessions",
    "admin",
    "axes",
    "auth",
    "contenttypes",
    "reversion",
    "core.downloadcount",
    "core.healthcheck",
    "core.pendingchange",
    "core.transition",
    "core.loadedcontent",
    "core.pagecachestate",
}


def enabled():
    return settings.PORTAL_PAGE_CACHE_SECONDS > 0


def shared():
    """Whether every process sees the same cache (Redis): then the version lives there."""
    return settings.PORTAL_PAGE_CACHE_SHARED


# --- The content version -------------------------------------------------------------


def next_scheduled_moment():
    """The next moment a published item's `publish_at` comes, or None: one query."""
    from core.models import Publishable, Status

    # One row per model (its earliest coming moment), all models in one UNION ALL.
    queries = [
        model.objects.filter(status=Status.PUBLISHED, publish_at__gt=datetime.now(UTC))
        .order_by()
        .values("status")
        .annotate(moment=Min("publish_at"))
        .values_list("moment", flat=True)
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    if not queries:
        return None
    moments = [moment for moment in queries[0].union(*queries[1:], all=True) if moment]
    return min(moments).timestamp() if moments else None


def _epoch():
    return int(time.time() * 1_000_000)


class SharedVersion:
    """The version in the shared cache (see the module's docstring).

    NEXT_KEY holds (version, next_at): the next scheduled moment as computed under that
    version. It is trusted only under the same version, so a value computed before a
    change committed (by a request racing the publisher) is never used after it.
    """

    owed = False  # a change this process could not announce while the cache was down

    def read(self, key, *, query=True):
        """(version, next_at, entry), in one round trip when nothing is due.

        With query=False, None where the next scheduled moment would have to be
        computed (one query) because the version moved since it last was.
        """
        if SharedVersion.owed:
            self.move()
        found = cache.get_many([VERSION_KEY, NEXT_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, _epoch(), timeout=VERSION_SECONDS)
            version = cache.get(VERSION_KEY)
        computed_under, next_at = found.get(NEXT_KEY) or (None, None)
        if computed_under != version:
            if not query:
                return None
            next_at = next_scheduled_moment() or 0
            cache.set(NEXT_KEY, (version, next_at), timeout=VERSION_SECONDS)
        elif next_at and next_at <= time.time():
            # A scheduled item has just gone live: everything made before is stale.
            self.move()
            return self.read(key, query=query)
        return version, next_at, found.get(key)

    def move(self):
        try:
            try:
                cache.incr(VERSION_KEY)
            except ValueError:  # no key: a new epoch is a new version
                cache.add(VERSION_KEY, _epoch(), timeout=VERSION_SECONDS)
        except Exception as error:
            SharedVersion.owed = True
            logger.warning("Page cache: could not announce a content change (%s); will retry.", error)
        else:
            SharedVersion.owed = False


class DatabaseVersion:
    """The version in the database, for caches private to each process."""

    def state(self):
        from core.models import PageCacheState

        row = PageCacheState.objects.filter(pk=1).values_list("version", "next_at").first()
        if row is None:
            self.move()
            return self.state()
        version, next_at = row
        if next_at and next_at.timestamp() <= time.time():
            self.move()
            return self.state()
        return version, next_at.timestamp() if next_at else 0

    def read(self, key, *, query=True):
        if not query:
            return None
        version, next_at = self.state()
        return version, next_at, cache.get(key)

    def move(self):
        """One row, locked while the next moment is computed: two movers never leave the
        moment computed by the one that saw less."""
        from django.db.models import F

        from core.models import PageCacheState

        with transaction.atomic():
            PageCacheState.objects.select_for_update().get_or_create(pk=1)
            moment = next_scheduled_moment()
            PageCacheState.objects.filter(pk=1).update(
                version=F("version") + 1, next_at=datetime.fromtimestamp(moment, UTC) if moment else None
            )


def versions():
    return SharedVersion() if shared() else DatabaseVersion()


def content_changed():
    """Say that what pages show has changed: the version moves when the transaction
    commits (at once outside one), once per transaction however many rows changed.
    Bulk writes that send no signals (queryset.update(), bulk_create) call this."""
    if not enabled():
        return
    pending = connection.run_on_commit if connection.in_atomic_block else ()
    if any(callback is _move for _sids, callback, *_rest in pending):
        return
    transaction.on_commit(_move)


def _move():
    try:
        versions().move()
    except DatabaseError as error:
        logger.warning("Page cache: could not move the content version: %s", error)


def _changed(sender, **kwargs):
    if kwargs.get("raw"):  # fixtures being loaded: a post_migrate follows
        return
    content_changed()


def _after_migrate(sender, **kwargs):
    # Data migrations change content without signals. Once per migrate (sent per app).
    if sender.name == "core":
        content_changed()


def watched(model):
    meta = model._meta
    return meta.app_label not in IGNORED and meta.label_lower not in IGNORED


def connect_signals():
    """Watch every model a page can show (called from CoreConfig.ready)."""
    for model in apps.get_models(include_auto_created=True):
        if not watched(model):
            continue
        uid = f"portal-page-cache-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid)
        if model._meta.auto_created:
            m2m_changed.connect(_changed, sender=model, dispatch_uid=uid)
    post_migrate.connect(_after_migrate, dispatch_uid="portal-page-cache-migrate")


# --- What is cached, under which key ------------------------------------------------


def public_prefixes():
    languages = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    return (*languages, *settings.PORTAL_PAGE_CACHE_EXTRA_PREFIXES)


def cacheable_request(request):
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return request.path.startswith(public_prefixes())


def cacheable_response(request, response):
    if request.method != "GET" or response.status_code not in (200, 404):
        return False
    if response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def coding(request):
    from django_http_compression.middleware import best_coding

    return best_coding(request.headers.get("accept-encoding", ""))


# 2 since the security and CORS headers are stored with the page: a node from before
# (whose entries lack them) and one from after never read each other's entries.
ENTRY_FORM = 2


def key_for(request):
    """One entry per full address (the scheme included: an http:// request, which the
    site redirects, never reads an https:// page) and per content coding. Raises
    DisallowedHost for a Host the site does not serve."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"portal:page:{ENTRY_FORM}:{coding(request)}:{digest}"


def lookup(key, *, query=True):
    """(version, entry): the current content version, and the entry kept under `key` if
    it is fresh (else None): made under that version, and not before a scheduled moment
    that has come since. The one rule for the middleware and the front; the front asks
    with query=False and gets None where the database would be needed. Raises what the
    cache raises."""
    found = versions().read(key, query=query)
    if found is None:
        return None
    version, next_at, entry = found
    if entry is None or entry[0] != version or (next_at and entry[1] < next_at <= time.time()):
        return version, None
    return version, entry


def paused():
    """Whether the cache is being left alone after a failure (see pause())."""
    return time.monotonic() < PageCacheMiddleware.down_until


def pause(error):
    """After a failure the cache is left alone for a few seconds: a Redis that does not
    answer costs one timeout per process, not one per request."""
    seconds = PageCacheMiddleware.PAUSE_SECONDS
    logger.warning("Page cache unavailable for %s s, rendering pages: %s", seconds, error)
    PageCacheMiddleware.down_until = time.monotonic() + seconds


# Never stored: cookies, the request's id (each answer gets its own) and the
# compression's random padding.
NOT_STORED = {"set-cookie", "x-request-id", "x-noise"}
# Stored headers that every answer carries, a 304 or 412 made from the entry included
# (Django's keeps only the validators and caching headers): the security middleware's
# and the API's CORS headers, which a hit had when those layers ran outside the cache.
KEPT_ON_CONDITIONAL = {
    "strict-transport-security",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "access-control-allow-origin",
    "access-control-expose-headers",
}


def store(key, version, made_at, response):
    headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED]
    entry = (version, made_at, response.status_code, headers, response.content)
    timeout = settings.PORTAL_PAGE_CACHE_SECONDS
    if response.status_code == 404:
        timeout = min(timeout, 60)  # made-up addresses should not fill the cache for long
    cache.set(key, entry, timeout=timeout)


def answer(request, entry):
    """The response to `request` from a fresh entry: the page, a 304 to its validators,
    or for HEAD the page's headers (its Content-Length too) without the body."""
    _version, made_at, status, headers, body = entry
    page = HttpResponse(body, status=status)
    for name, value in headers:
        page[name] = value
    response = page
    if status == 200:
        response = get_conditional_response(
            request, etag=page.get("ETag"), last_modified=int(made_at), response=page
        )
        if response is not page:
            for name, value in headers:
                if name.lower() in KEPT_ON_CONDITIONAL:
                    response[name] = value
    if request.method == "HEAD" and response is page:
        response["Content-Length"] = str(len(body))
        response.content = b""
    response["X-Page-Cache"] = "hit"
    return response


def public_headers(response, made_at):
    """A CDN may keep a public page a short while; a browser checks again each time
    (a cheap 304 with its ETag)."""
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PORTAL_CDN_SECONDS)
    if response.status_code == 200 and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(int(made_at))


class PageCacheMiddleware:
    """Answers anonymous visitors from the page cache; keeps what it can for the next.

    Placed right after the request log, before the security headers, WhiteNoise, the
    API's middleware and compression: their headers are stored with the page, so a hit
    (here or in PageCacheFront) needs none of them, and each compressed variant is
    stored under its own key. On a hit nothing else runs (no session, no URL
    resolving, no query with a shared cache).
    """

    down_until = 0  # see pause()
    PAUSE_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request) or paused():
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and request.path.startswith(public_prefixes()):
                # Staff may see previews: no cache anywhere keeps their pages.
                patch_cache_control(response, private=True, no_store=True)
            return response
        key = key_for(request)
        try:
            version, entry = lookup(key)
        except Exception as error:
            pause(error)
            return self.get_response(request)
        if entry is not None:
            return answer(request, entry)
        made_at = time.time()
        response = self.get_response(request)
        if cacheable_response(request, response):
            public_headers(response, made_at)
            try:
                store(key, version, made_at, response)
            except Exception as error:
                logger.warning("Page cache: could not store %s: %s", request.path, error)
            response["X-Page-Cache"] = "miss"
        return response


def remember(name, compute):
    """compute()'s value, kept in the cache until the content version moves.

    For figures about content that are slow to count at scale (the translation
    overview's): computed once per content version, so no row can change behind them.
    Computed every time when the page cache is off (the version then never moves) or
    while the cache does not answer.
    """
    if not enabled() or paused():
        return compute()
    key = f"portal:figures:{name}"
    try:
        version, _next_at, entry = versions().read(key)
    except Exception as error:
        logger.warning("Page cache unavailable, counting %s afresh: %s", name, error)
        return compute()
    if entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    try:
        cache.set(key, (version, value), timeout=settings.PORTAL_PAGE_CACHE_SECONDS)
    except Exception as error:
        logger.warning("Page cache: could not keep %s: %s", name, error)
    return value
