"""The page cache (core.page_cache): visitors get cached pages, never stale ones.

The suite runs with the cache off (tests/settings.py): a test's changes are never
committed, so they would not move the content version. Here it is on, and every change
is made inside `committed()`, which runs what Django runs when a transaction commits.
"""

import datetime
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import page_cache, workflow
from core.models import Status
from initiatives.models import Initiative
from tests.factories import make_category, make_initiative

# With the other Redis tests in one worker, one at a time (see tests/core/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("redis")]


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def category(committed):
    with committed():
        return make_category(number=1, slug="safety", title_en="Safety")


def get(client, url, **meta):
    return client.get(url, **meta)


def test_a_visitor_gets_the_page_from_the_cache_the_second_time(client, category):
    first = get(client, "/en/categories/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = get(client, "/en/categories/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # With a cache private to each process, the version is read from the database.
    assert len(queries) == 1


def test_each_language_and_address_is_its_own_page(client, category):
    english = get(client, "/en/categories/")
    japanese = get(client, "/ja/categories/")
    assert japanese["X-Page-Cache"] == "miss" and japanese.content != english.content
    assert get(client, "/en/categories/?page=1")["X-Page-Cache"] == "miss"


def test_a_publish_shows_on_the_next_request(client, category, publisher, committed):
    with committed():
        draft = make_initiative(
            category=category, number=1, slug="new", title_en="New work", status=Status.DRAFT
        )
    assert b"New work" not in get(client, "/en/initiatives/").content
    assert get(client, "/en/initiatives/new/").status_code == 404
    with committed():
        workflow.publish(draft, publisher)
    page = get(client, "/en/initiatives/")
    assert page["X-Page-Cache"] == "miss" and b"New work" in page.content
    assert get(client, "/en/initiatives/new/").status_code == 200


def test_an_edit_and_an_unpublish_show_on_the_next_request(client, category, publisher, committed):
    with committed():
        item = make_initiative(category=category, number=1, slug="work", title_en="Old title")
    assert b"Old title" in get(client, "/en/initiatives/work/").content
    with committed():
        item.title_en = "New title"
        item.save()
    assert b"New title" in get(client, "/en/initiatives/work/").content
    with committed():
        workflow.unpublish(Initiative.objects.get(pk=item.pk), publisher)
    assert get(client, "/en/initiatives/work/").status_code == 404
    assert b"New title" not in get(client, "/en/initiatives/").content


def test_an_approved_pending_change_shows_on_the_next_request(client, category, editor, publisher, committed):
    with committed():
        item = make_initiative(category=category, number=1, slug="work", title_en="Old title")
    assert b"Old title" in get(client, "/en/initiatives/work/").content
    with committed():
        workflow.save_pending(item, editor, _with_title(item, "Changed title"))
    # Waiting for a publisher: the public page is the cached one, unchanged.
    page = get(client, "/en/initiatives/work/")
    assert b"Old title" in page.content
    with committed():
        workflow.approve(Initiative.objects.get(pk=item.pk), publisher)
    assert b"Changed title" in get(client, "/en/initiatives/work/").content


def _with_title(item, title):
    from core import revisions

    data = revisions.snapshot(item)
    data[0]["fields"]["title_en"] = title
    return data


def test_a_scheduled_item_appears_at_its_moment(
    client, category, publisher, committed, monkeypatch, settings
):
    # Entries live longer than the hour that passes below, so that only the scheduled
    # moment (not the entry's own expiry) can make the next request miss.
    settings.PORTAL_PAGE_CACHE_SECONDS = 7200
    soon = timezone.now() + datetime.timedelta(hours=1)
    with committed():
        item = make_initiative(category=category, number=1, slug="later", title_en="Scheduled work")
        item.publish_at = soon
        item.save()
    assert b"Scheduled work" not in get(client, "/en/initiatives/").content
    assert get(client, "/en/initiatives/")["X-Page-Cache"] == "hit"
    # The hour passes: for the database (the item is live) and for the cache's clock.
    # No signal is sent, as none is when a scheduled moment simply comes.
    Initiative.objects.filter(pk=item.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    later = time.time() + 3601
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    page = get(client, "/en/initiatives/")
    assert page["X-Page-Cache"] == "miss" and b"Scheduled work" in page.content


def test_staff_never_get_a_cached_page_and_never_fill_one(client, category, publisher_client, committed):
    with committed():
        make_initiative(category=category, number=1, slug="draft", title_en="Draft work", status=Status.DRAFT)
    staff = publisher_client.get("/en/initiatives/draft/")
    assert staff.status_code == 200  # a preview
    assert "X-Page-Cache" not in staff
    assert "no-store" in staff["Cache-Control"] and "private" in staff["Cache-Control"]
    # The visitor's request is not answered with what the publisher saw.
    visitor = get(client, "/en/initiatives/draft/")
    assert visitor.status_code == 404 and visitor["X-Page-Cache"] == "miss"
    get(client, "/en/categories/")
    assert "X-Page-Cache" not in publisher_client.get("/en/categories/")


def test_public_pages_may_be_kept_a_short_while_by_a_cdn(client, category, settings):
    page = get(client, "/en/categories/")
    control = page["Cache-Control"]
    assert (
        "public" in control
        and f"s-maxage={settings.PORTAL_CDN_SECONDS}" in control
        and "max-age=0" in control
    )
    assert page["Last-Modified"]
    again = get(client, "/en/categories/")
    assert again["Cache-Control"] == control


def test_a_cached_page_answers_304_to_its_etag_and_date(client, category):
    page = get(client, "/en/categories/")
    hit = get(client, "/en/categories/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert hit.status_code == 304 and hit["X-Page-Cache"] == "hit"
    assert get(client, "/en/categories/", HTTP_IF_MODIFIED_SINCE=page["Last-Modified"]).status_code == 304


def test_a_hit_and_its_304_keep_the_security_headers(client, category):
    page = get(client, "/en/categories/")
    hit = get(client, "/en/categories/")
    not_modified = get(client, "/en/categories/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert not_modified.status_code == 304
    for response in (page, hit, not_modified):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert hit["Content-Security-Policy"] == page["Content-Security-Policy"]
    assert hit["X-Request-ID"] != page["X-Request-ID"]


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_compressed_pages_are_kept_per_encoding(client, category, coding):
    plain = get(client, "/en/categories/")
    assert "Content-Encoding" not in plain
    compressed = get(client, "/en/categories/", HTTP_ACCEPT_ENCODING=coding)
    assert compressed["Content-Encoding"] == coding and compressed["X-Page-Cache"] == "miss"
    assert len(compressed.content) < len(plain.content) / 3
    assert "accept-encoding" in compressed["Vary"].lower()
    hit = get(client, "/en/categories/", HTTP_ACCEPT_ENCODING=coding)
    assert hit["X-Page-Cache"] == "hit" and hit["Content-Encoding"] == coding
    assert "Content-Encoding" not in get(client, "/en/categories/")


def test_404_pages_are_kept_only_briefly(client, category, monkeypatch):
    stored = []
    real_set = cache.set
    monkeypatch.setattr(
        cache, "set", lambda key, value, timeout=None: stored.append(timeout) or real_set(key, value, timeout)
    )
    assert get(client, "/en/no-such-page/").status_code == 404
    assert stored == [60]


def test_what_is_never_cached(client, category, publisher, committed):
    from django.urls import reverse

    # Other methods, the admin, health checks, files.
    assert client.post("/en/categories/").status_code == 405
    assert "X-Page-Cache" not in client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/healthz")
    # A redirect (the root chooses a language).
    assert "X-Page-Cache" not in client.get("/")
    # A counted download: streamed, never kept.
    with committed():
        from tests.factories import make_document

        item = make_initiative(category=category, number=1, slug="with-file")
        document = make_document(item)
    download = client.get(document.get_absolute_url())
    assert download.status_code == 200 and "X-Page-Cache" not in download
    assert reverse("initiatives:detail", kwargs={"slug": "with-file"})


def test_a_response_that_sets_a_cookie_is_not_kept(rf):
    from django.http import HttpResponse

    response = HttpResponse("hello")
    assert page_cache.cacheable_response(rf.get("/en/"), response)
    response.set_cookie("flavour", "plain")
    assert not page_cache.cacheable_response(rf.get("/en/"), response)
    assert not page_cache.cacheable_response(rf.get("/en/"), HttpResponse(status=500))
    assert not page_cache.cacheable_response(
        rf.get("/en/"), HttpResponse(headers={"Cache-Control": "private"})
    )


def test_the_version_moves_once_per_transaction(committed):
    state = page_cache.DatabaseVersion()
    before = state.state()[0]
    with committed():
        for number in range(1, 4):
            make_category(number=number)
    assert state.state()[0] == before + 1


def test_rows_no_page_shows_do_not_move_the_version(committed, category):
    from core.models import DownloadCount, HealthCheck

    state = page_cache.DatabaseVersion()
    before = state.state()[0]
    with committed():
        HealthCheck.objects.create(pk=5, checked_at=timezone.now())
    assert state.state()[0] == before
    assert not page_cache.watched(DownloadCount)
    assert page_cache.watched(Initiative) and page_cache.watched(Initiative.videos.through)


def test_bulk_scale_content_moves_the_version(committed):
    from django.core.management import call_command

    with committed():
        make_category(number=1)
    state = page_cache.DatabaseVersion()
    before = state.state()[0]
    with committed():
        call_command(
            "generate_scale_content",
            initiatives=3,
            films=0,
            publications=0,
            cities=0,
            seminars=0,
            verbosity=0,
        )
    assert state.state()[0] > before


# --- A shared cache: Redis -----------------------------------------------------------


def test_with_redis_a_cached_page_runs_no_query(client, redis_cache, committed):
    with committed():
        make_category(number=1, slug="safety", title_en="Safety")
    assert get(client, "/en/categories/")["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        hit = get(client, "/en/categories/")
    assert hit["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    with committed():
        make_category(number=2, slug="sport", title_en="Sport for everyone")
    page = get(client, "/en/categories/")
    assert page["X-Page-Cache"] == "miss" and b"Sport for everyone" in page.content


def test_with_redis_a_scheduled_item_appears_at_its_moment(client, redis_cache, committed, monkeypatch):
    with committed():
        category = make_category(number=1, slug="safety")
        item = make_initiative(category=category, number=1, slug="later", title_en="Scheduled work")
        item.publish_at = timezone.now() + datetime.timedelta(hours=1)
        item.save()
    assert b"Scheduled work" not in get(client, "/en/initiatives/").content
    assert get(client, "/en/initiatives/")["X-Page-Cache"] == "hit"
    Initiative.objects.filter(pk=item.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    later = time.time() + 3601
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    assert b"Scheduled work" in get(client, "/en/initiatives/").content


def test_with_redis_stopped_pages_still_answer(client, settings, committed, redis_stopped):
    """Every cache call fails: pages render (slower), and a change waits to be announced."""
    settings.PORTAL_PAGE_CACHE_SHARED = True
    with committed():
        make_category(number=1, slug="safety", title_en="Safety")
    assert page_cache.SharedVersion.owed  # the change could not be announced
    for url in ("/en/", "/en/categories/", "/en/categories/safety/", "/ja/categories/"):
        page = get(client, url)
        assert page.status_code == 200 and "X-Page-Cache" not in page, url


def test_the_translation_figures_are_kept_until_content_changes(publisher_client, committed):
    from core.editorial_views import translation_states

    with committed():
        area = make_category(number=1, slug="safety", title_en="Safety", summary_en="", body_en="")
    assert translation_states()["categories.category"][1]["ja"]["missing"] == 1
    with CaptureQueriesContext(connection) as queries:
        translation_states()
    assert len(queries) == 1  # the version (with the database's version); no counting
    with committed():
        area.title_ja = "安全"
        area.save()
    counts = translation_states()["categories.category"][1]["ja"]
    assert counts["missing"] == 0 and counts["complete"] == 1
