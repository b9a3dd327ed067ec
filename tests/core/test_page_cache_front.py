"""The page cache's front (core.page_cache_front.PageCacheFront): hits answered before Django.

The WSGI application is called as gunicorn calls it, with environ dicts, around Django's
own handler (counted, so a test can tell who answered), against a real Redis.
"""

import datetime
import logging
import time
import urllib.parse
from dataclasses import dataclass
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import page_cache
from core.page_cache_front import PageCacheFront
from initiatives.models import Initiative
from tests.factories import make_category, make_initiative

# With the other Redis tests in one worker, one at a time (see tests/core/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("redis")]


@pytest.fixture
def redis_url():
    """A database apart from the other Redis tests' (/9): a checkout of the code from
    before empties that one when each of its Redis tests ends."""
    import os

    return os.environ.get("PORTAL_TEST_FRONT_REDIS_URL", "redis://127.0.0.1:6379/10")


@pytest.fixture(autouse=True)
def cache_on(settings, redis_cache):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    yield
    page_cache.SharedVersion.owed = False
    page_cache.PageCacheMiddleware.down_until = 0


class CountingDjango:
    """Django's WSGI handler, with every middleware, counting the requests it gets."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def django_app():
    # As Django's test client does: the test's transaction must survive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield CountingDjango()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def front(django_app):
    return PageCacheFront(django_app)


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    def __getitem__(self, name):
        return self.headers[name.lower()]

    def __contains__(self, name):
        return name.lower() in self.headers


def call(app, path, method="GET", **environ):
    """One request through a WSGI application, as a server makes it."""
    request = {}
    setup_testing_defaults(request)
    path, _, query = path.partition("?")
    request.update(REQUEST_METHOD=method, PATH_INFO=path, QUERY_STRING=query, **environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=headers)

    result = app(request, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    headers = {name.lower(): value for name, value in started["headers"]}
    assert len(headers) == len(started["headers"]), "a header sent twice"
    return Answer(int(started["status"].split()[0]), headers, body)


@pytest.fixture
def area(committed):
    with committed():
        return make_category(number=1, slug="safety", title_en="Safety")


def test_the_wsgi_application_is_the_front_around_django():
    from legacy_portal import wsgi

    assert isinstance(wsgi.application, PageCacheFront)
    assert isinstance(wsgi.application.application, WSGIHandler)


def test_a_miss_goes_to_django_and_the_next_request_is_answered_in_front(front, django_app, area):
    first = call(front, "/en/categories/")
    assert first.status == 200 and first["X-Page-Cache"] == "miss"
    assert django_app.calls == 1
    with CaptureQueriesContext(connection) as queries:
        second = call(front, "/en/categories/")
    assert second.status == 200 and second["X-Page-Cache"] == "hit"
    assert django_app.calls == 1
    assert len(queries) == 0
    assert second.body == first.body


HIT_REQUESTS = {
    "page": ("/en/categories/", {}),
    "page, Brotli": ("/en/categories/", {"HTTP_ACCEPT_ENCODING": "br"}),
    "page, gzip": ("/en/categories/", {"HTTP_ACCEPT_ENCODING": "gzip"}),
    "another language": ("/ja/categories/", {}),
    "a 404": ("/en/no-such-page/", {}),
    "the sitemap": ("/sitemap.xml", {}),
    "the API": ("/api/v1/categories", {}),
    "the API, gzip": ("/api/v1/categories", {"HTTP_ACCEPT_ENCODING": "gzip"}),
    "an unknown API address": ("/api/v1/no-such-dataset", {}),
}


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("name", HIT_REQUESTS)
def test_a_hit_in_front_is_the_hit_django_sends(front, django_app, area, name, method):
    path, environ = HIT_REQUESTS[name]
    miss = call(front, path, **environ)
    assert miss["X-Page-Cache"] == "miss"
    through_django = call(django_app, path, method, **environ)
    calls = django_app.calls
    in_front = call(front, path, method, **environ)
    assert django_app.calls == calls
    assert through_django["X-Page-Cache"] == in_front["X-Page-Cache"] == "hit"
    assert in_front.status == through_django.status == miss.status
    assert in_front["X-Request-ID"] != through_django["X-Request-ID"]
    del in_front.headers["x-request-id"], through_django.headers["x-request-id"]
    assert in_front.headers == through_django.headers
    assert in_front.body == through_django.body == (b"" if method == "HEAD" else miss.body)
    # What the middleware outside the cache used to add is stored with the page.
    for header in ("X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"):
        assert header in in_front, header
    if method == "HEAD":
        assert in_front["Content-Length"] == str(len(miss.body))
    if path.startswith("/api/"):
        assert in_front["Access-Control-Allow-Origin"] == "*"
        assert in_front["Content-Type"].startswith("application/json")
    else:
        assert "Content-Security-Policy" in in_front
    if in_front.status == 200:
        assert in_front["ETag"] and in_front["Last-Modified"] and "public" in in_front["Cache-Control"]
    if "HTTP_ACCEPT_ENCODING" in environ:
        assert in_front["Content-Encoding"] == environ["HTTP_ACCEPT_ENCODING"]
        assert "accept-encoding" in in_front["Vary"].lower()


@pytest.mark.parametrize("path", ["/en/categories/", "/api/v1/categories"])
def test_a_hit_in_front_answers_304_to_its_etag_and_date_with_the_same_headers(front, django_app, area, path):
    page = call(front, path)
    validators = {"HTTP_IF_NONE_MATCH": page["ETag"]}, {"HTTP_IF_MODIFIED_SINCE": page["Last-Modified"]}
    for validator in validators:
        through_django = call(django_app, path, **validator)
        calls = django_app.calls
        in_front = call(front, path, **validator)
        assert django_app.calls == calls
        assert in_front.status == through_django.status == 304 and in_front.body == b""
        assert in_front["X-Page-Cache"] == "hit"
        del in_front.headers["x-request-id"], through_django.headers["x-request-id"]
        assert in_front.headers == through_django.headers
        assert in_front["ETag"] == page["ETag"] and in_front["X-Content-Type-Options"] == "nosniff"
        if path.startswith("/api/"):
            assert in_front["Access-Control-Allow-Origin"] == "*"
            assert "ETag" in in_front["Access-Control-Expose-Headers"]


def test_a_publish_or_an_edit_makes_the_front_miss(front, django_app, area, committed):
    call(front, "/en/categories/")
    assert call(front, "/en/categories/")["X-Page-Cache"] == "hit"
    with committed():
        make_category(number=2, slug="sport", title_en="Sport for everyone")
    page = call(front, "/en/categories/")
    assert page["X-Page-Cache"] == "miss" and b"Sport for everyone" in page.body
    assert django_app.calls == 2
    with committed():
        area.title_en = "Safety and security"
        area.save()
    page = call(front, "/en/categories/")
    assert page["X-Page-Cache"] == "miss" and b"Safety and security" in page.body
    assert call(front, "/en/categories/")["X-Page-Cache"] == "hit"
    assert django_app.calls == 3


def test_a_scheduled_item_makes_the_front_miss_at_its_moment(front, django_app, area, committed, monkeypatch):
    with committed():
        item = make_initiative(category=area, number=1, slug="later", title_en="Scheduled work")
        item.publish_at = timezone.now() + datetime.timedelta(hours=1)
        item.save()
    assert b"Scheduled work" not in call(front, "/en/initiatives/").body
    assert call(front, "/en/initiatives/")["X-Page-Cache"] == "hit"
    calls = django_app.calls
    Initiative.objects.filter(pk=item.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    later = time.time() + 3601
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    page = call(front, "/en/initiatives/")
    assert page["X-Page-Cache"] == "miss" and b"Scheduled work" in page.body
    assert django_app.calls == calls + 1


def test_a_change_owed_while_redis_was_away_makes_the_front_miss(front, django_app, area):
    call(front, "/en/categories/")
    assert call(front, "/en/categories/")["X-Page-Cache"] == "hit"
    page_cache.SharedVersion.owed = True  # a change this process could not announce
    assert call(front, "/en/categories/")["X-Page-Cache"] == "miss"
    assert not page_cache.SharedVersion.owed
    assert django_app.calls == 2


def test_the_front_never_queries_the_database(front, django_app, area, redis_cache):
    call(front, "/en/categories/")
    # The next scheduled moment is forgotten (it expires with the version): computing it
    # again takes a query, which the front leaves to Django; the entry is still fresh.
    redis_cache.delete(page_cache.NEXT_KEY)
    page = call(front, "/en/categories/")
    assert page["X-Page-Cache"] == "hit" and django_app.calls == 2  # the middleware's hit
    assert call(front, "/en/categories/")["X-Page-Cache"] == "hit"
    assert django_app.calls == 2


def test_a_session_cookie_goes_to_django(front, django_app, area, settings):
    call(front, "/en/categories/")
    staff = call(front, "/en/categories/", HTTP_COOKIE=f"theme=dark; {settings.SESSION_COOKIE_NAME}=abc")
    assert staff.status == 200 and "X-Page-Cache" not in staff
    assert django_app.calls == 2
    # Another cookie is not a session: the visitor's page comes from the cache.
    assert call(front, "/en/categories/", HTTP_COOKIE="theme=dark")["X-Page-Cache"] == "hit"
    assert django_app.calls == 2


def test_a_non_ascii_address_reaches_django_as_it_came(front, django_app, area):
    # A WSGI server gives the path's UTF-8 bytes as a latin-1 string.
    path = "/en/検索-café/".encode().decode("latin-1")
    miss = call(front, path)
    assert miss.status == 404 and miss["X-Page-Cache"] == "miss"
    assert "検索-café".encode() in urllib.parse.unquote_to_bytes(miss.body)
    hit = call(front, path)
    assert hit["X-Page-Cache"] == "hit" and hit.body == miss.body
    assert django_app.calls == 1


def test_what_the_front_leaves_to_django(front, django_app, area):
    call(front, "/en/categories/")
    assert call(front, "/en/categories/", "POST").status == 405
    call(front, "/en/categories/", "OPTIONS")
    assert "X-Page-Cache" not in call(front, "/healthz")
    assert call(front, "/en/categories/", HTTP_HOST="attacker.example").status == 400
    assert django_app.calls == 5


def test_with_a_cache_private_to_each_process_django_answers_everything(front, django_app, area, settings):
    shared = settings.CACHES
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PORTAL_PAGE_CACHE_SHARED = False
    try:
        assert call(front, "/en/categories/")["X-Page-Cache"] == "miss"
        assert call(front, "/en/categories/")["X-Page-Cache"] == "hit"  # the middleware's
        assert django_app.calls == 2
    finally:
        settings.CACHES = shared


def test_an_http_request_never_gets_the_https_page(django_app, area, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    front = PageCacheFront(CountingDjango())  # the security middleware reads its settings once
    secure = {"wsgi.url_scheme": "https", "SERVER_PORT": "443"}
    assert call(front, "/en/categories/", **secure)["X-Page-Cache"] == "miss"
    hit = call(front, "/en/categories/", **secure)
    assert hit["X-Page-Cache"] == "hit" and hit["Strict-Transport-Security"].startswith("max-age=3600")
    plain = call(front, "/en/categories/")
    assert plain.status == 301 and plain["Location"] == "https://127.0.0.1/en/categories/"
    assert "X-Page-Cache" not in plain and "Strict-Transport-Security" not in plain
    assert front.application.calls == 2


def test_a_hit_in_front_has_its_own_id_and_the_request_logs_line(front, django_app, area, caplog):
    from core.logging import RequestIdFilter

    caplog.handler.addFilter(RequestIdFilter())  # as the project's handlers have it
    call(front, "/en/categories/?page=1")
    with caplog.at_level(logging.INFO, logger="portal.request"):
        # The line of the call above is captured too where an earlier test in this
        # worker left the logger at INFO: count from here.
        caplog.clear()
        through_django = call(django_app, "/en/categories/?page=1")
        in_front = call(front, "/en/categories/?page=1")
        kept = call(front, "/en/categories/?page=1", HTTP_X_REQUEST_ID="lb-1234abcd")
    assert through_django["X-Page-Cache"] == in_front["X-Page-Cache"] == kept["X-Page-Cache"] == "hit"
    assert len(in_front["X-Request-ID"]) == 32 and in_front["X-Request-ID"] != through_django["X-Request-ID"]
    assert kept["X-Request-ID"] == "lb-1234abcd"
    records = [record for record in caplog.records if record.name == "portal.request"]
    assert len(records) == 3  # one line each
    django_line, front_line, kept_line = records
    assert front_line.getMessage().startswith("GET /en/categories/?page=1 200 ")
    assert front_line.getMessage().endswith("ms")
    assert front_line.levelno == django_line.levelno
    fields = ("method", "path", "status", "cache")
    assert [getattr(front_line, name) for name in fields] == [getattr(django_line, name) for name in fields]
    assert front_line.cache == kept_line.cache == "hit"  # an operator can count the hits
    assert isinstance(front_line.duration_ms, float)
    assert front_line.request_id == in_front["X-Request-ID"] and kept_line.request_id == "lb-1234abcd"


def test_with_redis_stopped_django_answers(front, django_app, area, redis_stopped):
    """Every cache call fails: pages render (slower)."""
    for path in ("/en/categories/", "/en/categories/", "/api/v1/categories"):
        page = call(front, path)
        assert page.status == 200 and "X-Page-Cache" not in page, path
    assert django_app.calls == 3
    assert page_cache.paused()
