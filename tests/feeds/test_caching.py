"""Feeds in the page cache: kept like any public page, never stale once content changes."""

import pytest
from django.core.cache import cache

from tests.factories import make_category, make_initiative
from tests.feeds.support import read_feed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_feed_is_served_from_the_page_cache_until_content_changes(client, committed):
    with committed():
        category = make_category(slug="area")
        make_initiative(category=category, title_en="First")
    first = client.get("/en/feeds/initiatives/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/en/feeds/initiatives/")
    assert second.get("X-Page-Cache") == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    with committed():
        make_initiative(category=category, title_en="Second")
    titles = [entry.title for entry in read_feed(client, "/en/feeds/initiatives/").entries]
    assert titles == ["Second", "First"]
