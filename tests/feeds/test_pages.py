"""The feeds page, the feeds every page announces in its head, and the feeds' query counts."""

import datetime
import itertools
import re

import pytest

from core.models import Status
from tests.factories import (
    make_category,
    make_document,
    make_edition,
    make_file,
    make_infographic,
    make_initiative,
    make_publication,
    make_seminar,
    make_video,
)
from tests.feeds.support import read_feed
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

FEED_LINK = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">')
KIND_FEEDS = ["initiatives", "videos", "publications", "infographics", "seminars"]


def announced(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    head = response.content.decode().split("</head>")[0]
    return {href: title for title, href in FEED_LINK.findall(head)}


def test_the_feeds_page_lists_every_feed_with_its_address(client, category):
    make_category(slug="hidden", status=Status.DRAFT)
    response = client.get("/en/feeds/")
    assert response.status_code == 200
    page = response.content.decode()
    for url in ["/en/feeds/all/", *(f"/en/feeds/{kind}/" for kind in KIND_FEEDS)]:
        assert f'href="{url}"' in page, url
        assert f"<code>http://testserver{url}</code>" in page, url
    assert 'href="/en/feeds/categories/safety-and-security/"' in page
    assert "Legacy area 1: Safety and Security" in page
    assert "/feeds/categories/hidden/" not in page
    assert "How to follow a feed" in page
    assert "<title>Feeds – Tokyo 2020 Legacy Portal</title>" in page


def test_every_feed_the_page_lists_parses(client, category):
    make_initiative(category=category)
    page = client.get("/ja/feeds/").content.decode()
    listed = re.findall(r'<a href="(/ja/feeds/[^"]+)" type="application/atom\+xml">', page)
    assert len(listed) == 1 + len(KIND_FEEDS) + 1
    for url in listed:
        assert read_feed(client, url).feed.language == "ja"


def test_the_feeds_page_is_in_the_visitors_language(client, category):
    page = client.get("/ja/feeds/").content.decode()
    assert "<h1>フィード</h1>" in page
    assert "/ja/feeds/initiatives/" in page


def test_the_footer_links_the_feeds_page(client):
    assert 'href="/en/feeds/"' in client.get("/en/").content.decode()


def test_every_page_announces_the_feed_of_everything(client, category):
    for url in ["/en/", "/ja/categories/", "/en/cities/", "/en/feeds/", "/en/no-such-page/"]:
        response = client.get(url)
        head = response.content.decode().split("</head>")[0]
        language = url.split("/")[1]
        assert f'href="/{language}/feeds/all/"' in head, url


def test_list_and_detail_pages_announce_their_kinds_feed(client, category):
    make_initiative(category=category, slug="poles")
    make_video(slug="film")
    make_publication(slug="booklet")
    make_seminar(slug="seminar")
    pages = {
        "/en/initiatives/": "/en/feeds/initiatives/",
        "/en/initiatives/poles/": "/en/feeds/initiatives/",
        "/en/videos/": "/en/feeds/videos/",
        "/en/videos/film/": "/en/feeds/videos/",
        "/en/publications/": "/en/feeds/publications/",
        "/en/publications/booklet/": "/en/feeds/publications/",
        "/en/infographics/": "/en/feeds/infographics/",
        "/en/seminars/": "/en/feeds/seminars/",
        "/en/seminars/seminar/": "/en/feeds/seminars/",
    }
    for page, feed in pages.items():
        assert set(announced(client, page)) == {"/en/feeds/all/", feed}, page
    japanese = announced(client, "/ja/initiatives/")
    assert japanese["/ja/feeds/initiatives/"] == "取組 – 東京2020レガシーポータル"


def test_an_area_page_announces_the_areas_feed(client, category):
    assert announced(client, "/en/categories/safety-and-security/") == {
        "/en/feeds/all/": "Everything new or updated – Tokyo 2020 Legacy Portal",
        "/en/feeds/categories/safety-and-security/": (
            "Legacy area 1: Safety and Security – Tokyo 2020 Legacy Portal"
        ),
    }
    filtered = announced(client, "/en/initiatives/?category=safety-and-security")
    assert "/en/feeds/categories/safety-and-security/" in filtered
    assert "/en/feeds/initiatives/" in filtered


def test_a_draft_areas_preview_announces_no_feed_of_its_own(publisher_client):
    make_category(slug="hidden", status=Status.DRAFT)
    assert set(announced(publisher_client, "/en/categories/hidden/")) == {"/en/feeds/all/"}


_numbers = itertools.count(100)
FEEDS = ["/en/feeds/all/", *(f"/en/feeds/{kind}/" for kind in KIND_FEEDS)]


def add_items(category, count):
    """`count` more of every kind, each with its files and its ties to `category`."""
    for _ in range(count):
        number = next(_numbers)
        initiative = make_initiative(category=category, number=number, slug=f"initiative-{number}")
        make_document(initiative, language="en")
        make_document(initiative, language="ja")
        video = make_video(thumbnail=False)
        video.categories.add(category)
        publication = make_publication(cover=False)
        for month in (7, 12):
            edition = make_edition(publication, published_on=datetime.date(2020, month, 1))
            make_file(edition, language="en")
            make_file(edition, language="fr")
        make_infographic(category=category, size=(60, 80))
        make_seminar()


def test_each_feed_runs_the_same_queries_with_3_or_30_items_of_each_kind(client, category):
    urls = [*FEEDS, f"/en/feeds/categories/{category.slug}/", "/en/feeds/"]
    add_items(category, 3)
    few = {url: count_queries(client, url) for url in urls}
    add_items(category, 27)
    many = {url: count_queries(client, url) for url in urls}
    assert many == few
    assert len(read_feed(client, "/en/feeds/all/").entries) == 50
    # Everything: one query per kind, plus the files of initiatives (1) and publications (2).
    assert few["/en/feeds/all/"] == 10
    assert few["/en/feeds/"] == 1
