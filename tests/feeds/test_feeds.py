"""The Atom feeds: what they hold, what each entry says, and what they never show."""

import datetime
import os
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from core.models import Status
from tests.admin_forms import form_values
from tests.factories import (
    future,
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
from tests.feeds.support import links, local, read_feed

pytestmark = pytest.mark.django_db

KIND_FEEDS = ["initiatives", "videos", "publications", "infographics", "seminars"]


def moment(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9))


def titles(parsed):
    return [entry.title for entry in parsed.entries]


def test_each_kind_feed_holds_its_kind_only(client, category):
    make_initiative(category=category, slug="poles", title_en="Utility poles")
    make_video(title_en="A film")
    make_publication(title_en="A booklet")
    make_infographic(title_en="A chart")
    make_seminar(title_en="A seminar")
    expected = {
        "initiatives": ["Utility poles"],
        "videos": ["A film"],
        "publications": ["A booklet"],
        "infographics": ["A chart"],
        "seminars": ["A seminar"],
    }
    for kind, wanted in expected.items():
        assert titles(read_feed(client, f"/en/feeds/{kind}/")) == wanted, kind


def test_the_feed_of_everything_holds_every_kind_newest_first(client):
    category = make_category(title_en="Area", public_updated_at=moment(2021, 1, 1))
    make_initiative(category=category, title_en="Oldest", first_published_at=moment(2020, 1, 1))
    make_video(title_en="Newest", first_published_at=moment(2019, 1, 1), public_updated_at=moment(2024, 1, 1))
    make_seminar(title_en="Middle", first_published_at=moment(2022, 1, 1))
    parsed = read_feed(client, "/en/feeds/all/")
    assert titles(parsed) == ["Newest", "Middle", "Area", "Oldest"]
    assert parsed.feed.title == "Everything new or updated – Tokyo 2020 Legacy Portal"


def test_drafts_scheduled_items_and_items_under_a_draft_area_never_appear(client, category):
    make_initiative(category=category, title_en="Live initiative")
    make_initiative(category=category, title_en="Draft initiative", status=Status.DRAFT)
    make_initiative(category=category, title_en="Scheduled initiative", publish_at=future())
    hidden_area = make_category(status=Status.DRAFT)
    make_initiative(category=hidden_area, title_en="Under a draft area")
    make_video(title_en="Draft film", status=Status.DRAFT)
    make_publication(title_en="Scheduled booklet", publish_at=future())
    for url in ["/en/feeds/all/", "/en/feeds/initiatives/", "/en/feeds/videos/", "/en/feeds/publications/"]:
        content = client.get(url).content.decode()
        for hidden in ("Draft", "Scheduled", "Under a draft area"):
            assert hidden not in content, (url, hidden)
    assert titles(read_feed(client, "/en/feeds/initiatives/")) == ["Live initiative"]


def test_a_pending_change_never_appears_in_a_feed(client, editor_client, category):
    initiative = make_initiative(category=category, title_en="Published title")
    change_url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    data = form_values(editor_client, change_url)
    data["title_en"] = "Unpublished new title"
    assert editor_client.post(change_url, data).status_code == 302
    for url in ["/en/feeds/all/", "/en/feeds/initiatives/", f"/en/feeds/categories/{category.slug}/"]:
        parsed = read_feed(client, url)
        assert "Published title" in titles(parsed), url
        assert "Unpublished new title" not in client.get(url).content.decode(), url


def test_every_entry_links_to_a_live_page_that_answers_a_visitor(client, category):
    initiative = make_initiative(category=category)
    make_document(initiative)
    make_video().categories.add(category)
    make_file(make_edition(make_publication()))
    make_infographic(category=category)
    make_seminar()
    for url, count in [("/en/feeds/all/", 6), (f"/ja/feeds/categories/{category.slug}/", 3)]:
        parsed = read_feed(client, url)
        assert len(parsed.entries) == count
        for entry in parsed.entries:
            (alternate,) = links(entry, "alternate")
            assert alternate.type == "text/html"
            assert client.get(local(alternate.href)).status_code == 200, alternate.href


def test_an_entry_has_its_dates_id_author_and_summary(client, category):
    initiative = make_initiative(
        category=category,
        slug="poles",
        title_en="Utility poles",
        summary_en="Moving lines underground.",
        first_published_at=moment(2021, 7, 8),
        public_updated_at=moment(2022, 3, 3),
    )
    (entry,) = read_feed(client, "/en/feeds/initiatives/").entries
    assert entry.id == f"urn:uuid:{initiative.uuid}"
    assert entry.published == "2021-07-08T00:00:00+00:00"
    assert entry.updated == "2022-03-03T00:00:00+00:00"
    assert entry.author_detail.name == "Tokyo Metropolitan Government"
    assert entry.author_detail.href == "https://www.metro.tokyo.lg.jp/english/"
    assert entry.summary == "Moving lines underground."
    assert entry.summary_detail.type == "text/plain"
    assert entry.link == "http://testserver/en/initiatives/poles/"
    assert {(tag.term, tag.label) for tag in entry.tags} == {
        ("initiative", "Initiative"),
        ("safety-and-security", "Safety and Security"),
    }


def test_an_entry_never_publicly_updated_is_updated_when_first_published(client):
    make_video(first_published_at=moment(2021, 7, 8))
    (entry,) = read_feed(client, "/en/feeds/videos/").entries
    assert entry.published == entry.updated == "2021-07-08T00:00:00+00:00"


def test_content_never_put_through_the_publish_step_counts_from_when_it_was_created(client):
    video = make_video()
    assert video.first_published_at is None
    (entry,) = read_feed(client, "/en/feeds/videos/").entries
    assert entry.published_parsed[:6] == video.created_at.utctimetuple()[:6]
    assert entry.updated == entry.published


def test_a_rich_text_body_becomes_a_plain_text_summary(client):
    make_category(summary_en="", body_en="<p>First <strong>bold</strong> words.</p><p>Fish &amp; chips.</p>")
    (entry,) = read_feed(client, "/en/feeds/all/").entries
    assert entry.summary == "First bold words. Fish & chips."


def test_a_plain_summary_is_kept_as_written(client):
    make_video(description_en="Sizes: a < b & <c> stays.")
    (entry,) = read_feed(client, "/en/feeds/videos/").entries
    assert entry.summary == "Sizes: a < b & <c> stays."


def test_a_publications_files_are_enclosures_with_their_size_type_and_language(client, settings):
    publication = make_publication(slug="booklet")
    english = make_file(make_edition(publication), language="en")
    french = make_file(make_edition(publication, position=2), language="fr")
    (entry,) = read_feed(client, "/en/feeds/publications/").entries
    enclosures = links(entry, "enclosure")
    assert [(e.href, e.hreflang, e.type) for e in enclosures] == [
        (f"http://testserver/en/publications/booklet/files/{english.pk}/", "en", "application/pdf"),
        (f"http://testserver/en/publications/booklet/files/{french.pk}/", "fr", "application/pdf"),
    ]
    for enclosure, stored in zip(enclosures, (english, french), strict=True):
        assert int(enclosure.length) == os.path.getsize(settings.MEDIA_ROOT / stored.file.name)
        assert enclosure.title.startswith("PDF, ")
        download = client.get(local(enclosure.href))
        assert download.status_code == 200
        assert int(download["Content-Length"]) == int(enclosure.length)


def test_initiative_documents_and_infographic_originals_are_enclosures(client, category, settings):
    initiative = make_initiative(category=category, slug="poles")
    make_document(initiative, language="ja")
    make_document(initiative, language="en")
    infographic = make_infographic(slug="chart")
    (entry,) = read_feed(client, "/fr/feeds/initiatives/").entries
    assert [(e.href, e.hreflang) for e in links(entry, "enclosure")] == [
        ("http://testserver/fr/initiatives/poles/document/en/", "en"),
        ("http://testserver/fr/initiatives/poles/document/ja/", "ja"),
    ]
    (entry,) = read_feed(client, "/en/feeds/infographics/").entries
    (enclosure,) = links(entry, "enclosure")
    assert enclosure.href == "http://testserver/en/infographics/chart/original/"
    assert enclosure.type == "image/png"
    assert int(enclosure.length) == os.path.getsize(settings.MEDIA_ROOT / infographic.file.name)


def test_a_video_on_another_site_is_a_related_link(client):
    make_video(url="https://www.youtube.com/watch?v=abcdefghijk")
    (entry,) = read_feed(client, "/en/feeds/videos/").entries
    assert [link.href for link in links(entry, "related")] == ["https://www.youtube.com/watch?v=abcdefghijk"]


def test_feeds_are_in_the_language_of_their_address(client, category):
    make_initiative(category=category, slug="crisis", title_en="Crisis management", title_ja="危機管理")
    parsed = read_feed(client, "/ja/feeds/initiatives/")
    assert parsed.feed.language == "ja"
    assert parsed.feed.title == "取組 – 東京2020レガシーポータル"
    assert parsed.feed.author_detail.name == "東京都"
    (entry,) = parsed.entries
    assert entry.title == "危機管理"
    assert entry.title_detail.language == "ja"
    assert entry.link == "http://testserver/ja/initiatives/crisis/"
    assert entry.author_detail.href == "https://www.metro.tokyo.lg.jp/"


def test_text_that_falls_back_to_another_language_says_which(client, category):
    # The factory writes English only: the French feed shows it, marked as English.
    make_initiative(category=category, title_en="Crisis management", summary_en="In English.")
    parsed = read_feed(client, "/fr/feeds/initiatives/")
    assert parsed.feed.language == "fr"
    (entry,) = parsed.entries
    assert (entry.title, entry.title_detail.language) == ("Crisis management", "en")
    assert (entry.summary, entry.summary_detail.language) == ("In English.", "en")
    assert b'<title type="text" xml:lang="en">' in client.get("/fr/feeds/initiatives/").content


def test_a_feed_holds_the_latest_fifty_entries(client):
    for day in range(1, 56):
        make_video(title_en=f"Film {day}", thumbnail=False, first_published_at=moment(2021, 1, day % 28 + 1))
    parsed = read_feed(client, "/en/feeds/videos/")
    assert len(parsed.entries) == 50
    published = [entry.published_parsed for entry in parsed.entries]
    assert published == sorted(published, reverse=True)


def test_a_category_feed_holds_what_belongs_to_its_area(client, category):
    other = make_category(title_en="Other area")
    make_initiative(category=category, title_en="Ours")
    make_initiative(category=other, title_en="Theirs")
    video = make_video(title_en="Our film")
    video.categories.add(category)
    make_video(title_en="Unrelated film")
    make_infographic(title_en="Our chart", category=category)
    make_infographic(title_en="Their chart", category=other)
    parsed = read_feed(client, f"/en/feeds/categories/{category.slug}/")
    assert sorted(titles(parsed)) == ["Our chart", "Our film", "Ours"]
    assert parsed.feed.title == "Legacy area 1: Safety and Security – Tokyo 2020 Legacy Portal"
    assert parsed.feed.link == "http://testserver/en/categories/safety-and-security/"


def test_the_feed_of_a_draft_or_unknown_area_is_not_found(client):
    make_category(slug="hidden", status=Status.DRAFT)
    assert client.get("/en/feeds/categories/hidden/").status_code == 404
    assert client.get("/en/feeds/categories/no-such-area/").status_code == 404


def test_an_empty_area_feed_is_valid_and_the_same_on_every_request(client, category):
    first = client.get(f"/en/feeds/categories/{category.slug}/")
    parsed = read_feed(client, f"/en/feeds/categories/{category.slug}/")
    assert parsed.entries == []
    assert client.get(f"/en/feeds/categories/{category.slug}/").content == first.content


def test_feeds_set_no_cookie_and_can_be_cached(client, category):
    make_initiative(category=category)
    response = client.get("/en/feeds/initiatives/")
    assert response.cookies == {}
    assert "private" not in response.get("Cache-Control", "")
    assert "no-store" not in response.get("Cache-Control", "")
    assert response.has_header("ETag")
    assert not response.has_header("Last-Modified")
    again = client.get("/en/feeds/initiatives/", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_feeds_have_what_rfc_4287_requires_of_every_feed_and_entry(client, category):
    """feedparser forgives; this checks the MUSTs of Atom itself on the raw document."""
    atom = "{http://www.w3.org/2005/Atom}"
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
    initiative = make_initiative(category=category)
    make_document(initiative)
    make_file(make_edition(make_publication()))
    make_video(url="https://example.org/film")
    for url in ["/en/feeds/all/", "/zh-hans/feeds/initiatives/", f"/ko/feeds/categories/{category.slug}/"]:
        root = ET.fromstring(client.get(url).content)  # noqa: S314 (the site's own document)
        assert root.tag == f"{atom}feed"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == url.split("/")[1]
        for name in ("id", "title", "updated", "author"):
            assert len(root.findall(f"{atom}{name}")) == 1, (url, name)
        assert rfc3339.match(root.find(f"{atom}updated").text)
        assert [link.get("rel") for link in root.findall(f"{atom}link")] == ["alternate", "self"]
        entries = root.findall(f"{atom}entry")
        assert entries, url
        for entry in entries:
            for name in ("id", "title", "updated", "published", "author"):
                assert len(entry.findall(f"{atom}{name}")) == 1, (url, name)
            for name in ("updated", "published"):
                assert rfc3339.match(entry.find(f"{atom}{name}").text)
            entry_links = entry.findall(f"{atom}link")
            assert [link.get("rel") for link in entry_links].count("alternate") == 1
            for link in entry_links:
                assert link.get("href").startswith(("http://testserver/", "https://example.org/"))
                if link.get("rel") == "enclosure":
                    assert link.get("length").isdigit() and link.get("type")
