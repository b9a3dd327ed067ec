"""schema.org JSON-LD and OpenGraph images on the project's own content.

Every page is checked against schema.org's vocabulary (tests/schemaorg.py: known types,
properties that exist on their type, values of the types a property expects) and
Google's required properties for the rich results it has (Event, VideoObject).
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from core.structured_data import dumps
from media_library.models import Edition, Publication, Video
from seminars.models import Seminar
from tests import schemaorg
from tests.factories import japan
from tests.shipped_pages import GROUP

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content"), GROUP]

SEMINAR_2021 = "/en/seminars/global-partners-seminar-2021/"
SEMINAR_2018 = "/en/seminars/global-partners-seminar-2018/"
BOOKLET = "/en/publications/building-the-legacy-beyond-2020/"
# Google's required properties for its Event and Video rich results.
GOOGLE_REQUIRED = {
    "Event": {"name", "startDate", "location"},
    "VideoObject": {"name", "thumbnailUrl", "uploadDate"},
}
DOWNLOAD_PARTS = ("/files/", "/original/", ".zip", "/document/", "calendar.ics")


class Head(HTMLParser):
    """The JSON-LD blocks, OpenGraph properties, breadcrumb trail and links of a page."""

    def __init__(self):
        super().__init__()
        self.blocks, self.og, self.trail, self.links = [], {}, [], []
        self._in_block = self._in_trail = False
        self._trail_item = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_block = True
            self.blocks.append("")
        if tag == "meta" and (attrs.get("property") or "").startswith("og:"):
            self.og[attrs["property"]] = attrs.get("content")
        if tag == "nav" and "breadcrumbs" in (attrs.get("class") or ""):
            self._in_trail = True
        if self._in_trail and tag == "li":
            self._trail_item = ""
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if self._in_block:
            self.blocks[-1] += data
        if self._trail_item is not None:
            self._trail_item += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_block = False
        if tag == "li" and self._trail_item is not None:
            self.trail.append(self._trail_item.strip())
            self._trail_item = None
        if tag == "nav":
            self._in_trail = False


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    head = Head()
    head.feed(response.content.decode())
    return head


def graph(client, path):
    head = read(client, path)
    assert len(head.blocks) == 1, path
    return json.loads(head.blocks[0])


def nodes(data, kind):
    return [node for node in data["@graph"] if node["@type"] == kind]


def the(data, kind):
    (node,) = nodes(data, kind)
    return node


def site_pages(client):
    """Every HTML page reachable from the home pages in English and Japanese (not the
    downloads, not the feeds)."""
    queue, seen, pages = ["/en/", "/ja/"], set(), []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, path
        if not response["Content-Type"].startswith("text/html"):
            continue
        pages.append(path)
        head = Head()
        head.feed(response.content.decode())
        for href in head.links:
            target = urlsplit(href)
            wanted = not target.netloc and target.path.startswith(("/en/", "/ja/"))
            if wanted and not any(part in target.path for part in DOWNLOAD_PARTS):
                queue.append(target.path)
    return pages


def test_the_2021_seminar_is_an_event_at_ten_in_the_morning_japan_time(client):
    event = the(graph(client, SEMINAR_2021), "Event")
    assert event["startDate"] == "2021-11-24T10:00:00+09:00"
    assert event["endDate"] == "2021-11-24T19:25:00+09:00"
    assert event["name"] == "The 6th Tokyo Global Partners Seminar"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"] == {"@type": "VirtualLocation", "url": f"http://testserver{SEMINAR_2021}"}
    assert event["inLanguage"] == "en"


def test_the_event_is_organised_by_the_government_named_in_the_page_language(client):
    data = graph(client, SEMINAR_2021.replace("/en/", "/ja/"))
    organisation = the(data, "GovernmentOrganization")
    assert the(data, "Event")["organizer"] == {"@id": organisation["@id"]}
    assert organisation["name"] == "東京都"
    assert organisation["url"] == "https://www.metro.tokyo.lg.jp/"
    assert the(data, "Event")["name"] == "第6回東京グローバル・パートナーズ・セミナー"


def test_a_seminar_without_sessions_gives_its_dates_and_venue(client):
    event = the(graph(client, SEMINAR_2018), "Event")
    assert (event["startDate"], event["endDate"]) == ("2018-02-07", "2018-02-09")
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"] == {"@type": "Place", "name": "Tokyo Metropolitan Government"}
    japanese = the(graph(client, SEMINAR_2018.replace("/en/", "/ja/")), "Event")
    assert japanese["location"]["name"] == "東京都庁"


def test_a_hybrid_seminar_is_in_a_place_and_online(client):
    Seminar.objects.filter(slug="global-partners-seminar-2018").update(format="hybrid")
    event = the(graph(client, SEMINAR_2018), "Event")
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in event["location"]] == ["Place", "VirtualLocation"]


def test_every_page_has_valid_json_ld_with_a_breadcrumb_like_the_pages(shipped_pages):
    vocabulary = schemaorg.Vocabulary()
    pages = site_pages(shipped_pages)
    assert len(pages) > 100
    problems, kinds = [], set()
    for path in pages:
        head = read(shipped_pages, path)
        assert len(head.blocks) == 1, path
        data = json.loads(head.blocks[0])
        problems += [f"{path} {problem}" for problem in schemaorg.problems(data, vocabulary)]
        for node in data["@graph"]:
            kinds.add(node["@type"])
            missing = GOOGLE_REQUIRED.get(node["@type"], set()) - set(node)
            if missing:
                problems.append(f"{path} {node['@type']} lacks {sorted(missing)}")
        page = next(node for node in data["@graph"] if node["@id"] == f"http://testserver{path}")
        assert page["inLanguage"] == path.split("/")[1]
        trail = nodes(data, "BreadcrumbList")
        if head.trail:
            names = [item["name"] for item in trail[0]["itemListElement"]]
            names = [name["@value"] if isinstance(name, dict) else name for name in names]
            assert names == head.trail, path
            assert page["breadcrumb"] == {"@id": trail[0]["@id"]}
        else:
            assert trail == [], path
    assert problems == []
    assert {"Event", "VideoObject", "DigitalDocument", "City", "State"} <= kinds


def test_the_checks_find_what_schema_org_does_not_have():
    found = schemaorg.problems(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "Event", "name": "x", "isbn": "123", "organizer": "Tokyo"},
                {"@type": "VideoObject", "duration": "PT30S", "eventStatus": "https://schema.org/Nope"},
                {"@type": "Seminar"},
                {"@type": "Event", "eventAttendanceMode": "https://schema.org/OnlineAttendance"},
            ],
        }
    )
    assert found == [
        "$[0]: Event has no property 'isbn'",
        "$[0].organizer: 'Tokyo' where ['Organization', 'Person'] is expected",
        "$[1]: VideoObject has no property 'eventStatus'",
        "$[2]: @type 'Seminar' is not one the portal's vocabulary knows",
        "$[3].eventAttendanceMode: https://schema.org/OnlineAttendance is not a member of "
        "['EventAttendanceModeEnumeration']",
    ]
    assert schemaorg.problems({"@context": "http://example.org", "@type": "Event"}) != []


def test_a_film_is_a_video_object_with_its_duration_and_player(client):
    video = Video.objects.get(slug="tokyo-updates-newsletter-video")
    node = the(graph(client, f"/en/videos/{video.slug}/"), "VideoObject")
    assert node["embedUrl"] == f"https://www.youtube-nocookie.com/embed/{video.youtube.id}"
    assert node["thumbnailUrl"] == f"http://testserver{video.thumbnail.url}"
    Video.objects.filter(pk=video.pk).update(first_published_at=japan(2021, 12, 15, 9))
    node = the(graph(client, f"/en/videos/{video.slug}/"), "VideoObject")
    assert node["uploadDate"] == "2021-12-15T00:00:00+00:00"
    # Without a publishing record (a row written by hand), the row's creation stands in.
    Video.objects.filter(pk=video.pk).update(first_published_at=None)
    node = the(graph(client, f"/en/videos/{video.slug}/"), "VideoObject")
    assert node["uploadDate"] == video.created_at.replace(microsecond=0).isoformat()
    arigato = the(graph(client, "/en/videos/tokyo-2020-arigato-30/"), "VideoObject")
    assert arigato["duration"] == "PT30S"
    assert "embedUrl" not in arigato


def test_a_booklet_is_a_document_with_a_media_object_per_file(client):
    work = the(graph(client, BOOKLET), "DigitalDocument")
    assert work["inLanguage"] == ["en", "ja", "fr"]
    assert work["datePublished"] == "2021-07"
    (edition,) = work["workExample"]
    assert edition["datePublished"] == "2021-07"
    files = {media["inLanguage"]: media for media in edition["encoding"]}
    assert set(files) == {"en", "ja", "fr"}
    assert files["fr"]["name"] == "Après les Jeux, leur héritage – Au-delà de 2020 –"
    assert files["fr"]["encodingFormat"] == "application/pdf"
    assert re.fullmatch(r"\d+ KB", files["fr"]["contentSize"])
    response = client.get(urlsplit(files["fr"]["contentUrl"]).path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_publication_with_an_isbn_is_a_book(client):
    Edition.objects.filter(publication__slug="building-the-legacy-beyond-2020").update(
        isbn="978-4-00-000000-2", note_en="First edition"
    )
    data = graph(client, BOOKLET)
    assert nodes(data, "DigitalDocument") == []
    (edition,) = the(data, "Book")["workExample"]
    assert edition["@type"] == "Book"
    assert edition["isbn"] == "978-4-00-000000-2"
    assert edition["bookEdition"] == "First edition"
    assert schemaorg.problems(data) == []


def test_a_publication_names_the_other_body_that_issued_it(client):
    data = graph(client, "/en/publications/legacy-reporting-framework-case-study/")
    publisher = the(data, "DigitalDocument")["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"].startswith("Tokyo 2020 Organizing Committee")
    assert the(graph(client, BOOKLET), "DigitalDocument")["publisher"]["@id"].endswith("#organisation")


def test_a_text_shown_in_a_fallback_language_says_which(client):
    Publication.objects.filter(slug="building-the-legacy-beyond-2020").update(summary_fr="")
    data = graph(client, BOOKLET.replace("/en/", "/fr/"))
    work = the(data, "DigitalDocument")
    assert work["name"] == "Après les Jeux, leur héritage – Au-delà de 2020 –"
    assert work["description"]["@language"] == "en"
    assert work["description"]["@value"].startswith("A booklet that explains")
    assert the(data, "WebPage")["description"]["@language"] == "en"
    assert the(data, "WebPage")["name"] == work["name"]


def test_a_title_shown_in_a_fallback_language_is_tagged_and_the_node_says_its_language(client):
    Video.objects.filter(slug="tokyo-2020-arigato-30").update(title_ko="", description_ko="")
    data = graph(client, "/ko/videos/tokyo-2020-arigato-30/")
    video = the(data, "VideoObject")
    assert (video["name"], video["inLanguage"]) == ("TOKYO 2020 #ARIGATO (30 sec.)", "en")
    assert isinstance(video["description"], str)
    page = the(data, "WebPage")
    assert page["inLanguage"] == "ko"
    assert page["name"] == {"@value": "TOKYO 2020 #ARIGATO (30 sec.)", "@language": "en"}
    assert page["description"]["@language"] == "en"
    assert the(data, "BreadcrumbList")["itemListElement"][-1]["name"] == page["name"]


def test_nothing_in_the_data_can_close_its_script_block(client):
    title = 'Closing </script><script>alert("x")</script> & <!-- comments'
    Video.objects.filter(slug="tokyo-2020-arigato-30").update(title_en=title)
    page = client.get("/en/videos/tokyo-2020-arigato-30/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003c/script\\u003e" in block
    assert the(json.loads(block), "VideoObject")["name"] == title
    assert dumps({"a": "<&>"}) == '{"a":"\\u003c\\u0026\\u003e"}'


def test_pages_with_an_image_give_it_to_link_previews(client):
    video = Video.objects.get(slug="tokyo-2020-arigato-30")
    og = read(client, "/ja/videos/tokyo-2020-arigato-30/").og
    assert og["og:image"] == f"http://testserver{video.thumbnail.url}"
    assert (og["og:image:width"], og["og:image:height"]) == (
        str(video.thumbnail_width),
        str(video.thumbnail_height),
    )
    assert og["og:image:alt"] == video.title_ja
    assert og["og:type"] == "video.other"
    assert og["og:url"] == "http://testserver/ja/videos/tokyo-2020-arigato-30/"
    assert og["og:locale"] == "ja_JP"
    booklet = read(client, BOOKLET).og
    assert booklet["og:image"].startswith("http://testserver/media/")
    assert booklet["og:image:alt"]


def test_pages_without_an_image_have_no_og_image(client):
    og = read(client, "/en/initiatives/crisis-management-systems/").og
    assert "og:image" not in og
    assert og["og:title"] and og["og:description"]


def test_error_pages_have_no_structured_data(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "application/ld+json" not in response.content.decode()
