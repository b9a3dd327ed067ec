"""The sitemap: an index of sections, each paged, every live page once per language.

With a page size of 50 items (`PORTAL_SITEMAP_PAGE_SIZE`), 120 initiatives make three
pages of the initiatives section; the scale of the real thing (10,000 initiatives) is
measured by bin/bench-sitemap, whose figures are in the README.
"""

import datetime
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from core.models import Status
from initiatives.models import Initiative
from tests.factories import make_category, make_initiative, make_video
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGUAGES = ["en", "ja", "fr", "zh-hans", "ko"]
W3C_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def index(client):
    """{address: lastmod} of the index's entries."""
    root = get_xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    return {
        entry.findtext("sm:loc", namespaces=NS): entry.findtext("sm:lastmod", namespaces=NS)
        for entry in root.findall("sm:sitemap", NS)
    }


def local(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def entries(client, section=None):
    """Every <url> of every page the index lists (of one section, if given)."""
    found = []
    for url in index(client):
        if section and not local(url).startswith(f"/sitemap-{section}.xml"):
            continue
        found += get_xml(client, local(url)).findall("sm:url", NS)
    return found


def locations(client, section=None):
    return [entry.findtext("sm:loc", namespaces=NS) for entry in entries(client, section)]


def alternates(entry):
    return {
        link.get("hreflang"): link.get("href")
        for link in entry.findall("xhtml:link", NS)
        if link.get("rel") == "alternate"
    }


@pytest.fixture
def many_initiatives(settings):
    """120 live initiatives in one category, a page size of 50, and a draft and a scheduled one."""
    settings.PORTAL_SITEMAP_PAGE_SIZE = 50
    category = make_category(number=1, slug="area")

    def add(count):
        start = Initiative.objects.count() + 1
        for number in range(start, start + count):
            make_initiative(category=category, number=number, slug=f"item-{number}")

    add(120)
    make_initiative(category=category, number=500, slug="draft-item", status=Status.DRAFT)
    make_initiative(
        category=category,
        number=501,
        slug="scheduled-item",
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    return add


def test_sitemap_xml_is_an_index_of_sections(client, initiative):
    make_video(slug="a-film")
    listed = index(client)
    assert list(map(local, listed)) == [
        "/sitemap-pages.xml",
        "/sitemap-categories.xml",
        "/sitemap-initiatives.xml",
        "/sitemap-videos.xml",
    ]
    # Sections with nothing live are left out; their address still answers, empty.
    assert get_xml(client, "/sitemap-seminars.xml").findall("sm:url", NS) == []


def test_the_index_lists_each_page_of_a_section(client, many_initiatives):
    pages = [local(url) for url in index(client) if "initiatives" in url]
    assert pages == [
        "/sitemap-initiatives.xml",
        "/sitemap-initiatives.xml?p=2",
        "/sitemap-initiatives.xml?p=3",
    ]
    assert client.get("/sitemap-initiatives.xml?p=4").status_code == 404
    assert client.get("/sitemap-initiatives.xml?p=0").status_code == 404
    assert client.get("/sitemap-initiatives.xml?p=two").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_every_live_initiative_is_listed_once_per_language(client, many_initiatives):
    counted = Counter(locations(client, "initiatives"))
    expected = {
        f"http://testserver/{code}/initiatives/item-{number}/"
        for number in range(1, 121)
        for code in LANGUAGES
    }
    assert set(counted) == expected
    assert set(counted.values()) == {1}
    pages = [
        get_xml(client, f"/sitemap-initiatives.xml?p={page}").findall("sm:url", NS) for page in (1, 2, 3)
    ]
    assert [len(page) for page in pages] == [250, 250, 100]


def test_drafts_and_scheduled_items_are_left_out(client, many_initiatives):
    draft_area = make_category(number=5, slug="draft-area", status=Status.DRAFT)
    make_initiative(category=draft_area, number=700, slug="in-draft-area")
    make_video(slug="draft-video", status=Status.DRAFT)
    listed = "\n".join(locations(client))
    for slug in ("draft-item", "scheduled-item", "draft-area", "in-draft-area", "draft-video"):
        assert f"/{slug}/" not in listed


def test_every_url_has_its_lastmod_and_alternates_in_every_language(client, many_initiatives):
    all_entries = entries(client)
    # initiatives, the category, home, eight lists and the open-data page
    assert len(all_entries) == (120 + 1 + 10) * 5
    for entry in all_entries:
        location = entry.findtext("sm:loc", namespaces=NS)
        assert W3C_DATETIME.fullmatch(entry.findtext("sm:lastmod", namespaces=NS)), location
        links = alternates(entry)
        assert list(links) == [*LANGUAGES, "x-default"], location
        path = urlsplit(location).path
        language = path.split("/")[1]
        assert links[language] == location
        assert links["x-default"] == "http://testserver/" + path.split("/", 2)[2]


def test_lastmod_is_the_items_last_change(client, many_initiatives):
    moment = datetime.datetime(2021, 11, 24, 1, 2, 3, tzinfo=datetime.UTC)
    Initiative.objects.filter(slug="item-7").update(updated_at=moment)
    entry = next(
        e for e in entries(client, "initiatives") if e.findtext("sm:loc", namespaces=NS).endswith("/item-7/")
    )
    assert entry.findtext("sm:lastmod", namespaces=NS) == "2021-11-24T01:02:03+00:00"


def test_the_index_gives_each_sections_latest_change(client, many_initiatives):
    moment = datetime.datetime(2031, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    Initiative.objects.filter(slug="item-99").update(updated_at=moment)
    listed = index(client)
    assert all(listed.values())
    for url, lastmod in listed.items():
        if "initiatives" in url or "pages" in url:
            assert datetime.datetime.fromisoformat(lastmod) == moment


def test_list_pages_change_when_what_they_list_changes(client, many_initiatives):
    film = make_video(slug="a-film")
    moment = datetime.datetime(2031, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    Initiative.objects.filter(slug="item-99").update(updated_at=moment)
    pages = entries(client, "pages")
    lastmods = {e.findtext("sm:loc", namespaces=NS): e.findtext("sm:lastmod", namespaces=NS) for e in pages}
    assert lastmods["http://testserver/en/initiatives/"] == "2031-01-02T03:04:05+00:00"
    assert lastmods["http://testserver/ja/"] == "2031-01-02T03:04:05+00:00"
    film_changed = film.updated_at.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
    assert lastmods["http://testserver/en/videos/"] == film_changed
    # A list with nothing in it changed when the site last did.
    assert lastmods["http://testserver/en/seminars/"] == "2031-01-02T03:04:05+00:00"


def test_a_sitemap_page_says_when_it_last_changed(client, many_initiatives):
    moment = datetime.datetime(2031, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    Initiative.objects.filter(slug="item-120").update(updated_at=moment)
    response = client.get("/sitemap-initiatives.xml?p=3")
    assert response["Last-Modified"] == "Thu, 02 Jan 2031 03:04:05 GMT"
    again = client.get(
        "/sitemap-initiatives.xml?p=3", headers={"if-modified-since": response["Last-Modified"]}
    )
    assert again.status_code == 304


def test_each_page_runs_the_same_queries_whatever_the_number_of_items(client, many_initiatives, settings):
    Initiative.objects.filter(number__gt=30).delete()
    few = [
        count_queries(client, url)
        for url in ("/sitemap.xml", "/sitemap-initiatives.xml", "/sitemap-pages.xml")
    ]
    many_initiatives(90)
    many = [
        count_queries(client, url)
        for url in ("/sitemap.xml", "/sitemap-initiatives.xml", "/sitemap-pages.xml")
    ]
    assert many == few
    # A page of a section is one query; the index one for every section's count and
    # latest change, and the pages section one for every kind of content it shows.
    assert few == [1, 1, 1]


def test_sitemap_entries_carry_hreflang_alternates_and_x_default(client, initiative):
    body = client.get("/sitemap-initiatives.xml").content.decode()
    entry = re.search(
        rf"<url><loc>http://testserver/ja/initiatives/{initiative.slug}/</loc>.*?</url>", body, re.S
    ).group(0)
    for code in LANGUAGES:
        assert (
            f'<xhtml:link rel="alternate" hreflang="{code}" '
            f'href="http://testserver/{code}/initiatives/{initiative.slug}/"/>'
        ) in entry
    assert f'hreflang="x-default" href="http://testserver/initiatives/{initiative.slug}/"' in entry


def test_x_default_address_redirects_by_accept_language(client, initiative):
    response = client.get(f"/initiatives/{initiative.slug}/", headers={"accept-language": "ko"})
    assert response.status_code == 302
    assert response["Location"] == f"/ko/initiatives/{initiative.slug}/"


def test_every_listed_address_answers(client, initiative):
    make_video(slug="a-film")
    listed = locations(client)
    assert "http://testserver/ko/videos/a-film/" in listed
    for url in listed:
        assert client.get(urlsplit(url).path).status_code == 200, url


def test_robots_txt_points_at_the_index(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body.splitlines()


def test_page_size_may_not_exceed_what_a_sitemap_holds():
    env = {
        "PATH": "",
        "DJANGO_SETTINGS_MODULE": "legacy_portal.settings",
        "PORTAL_SITEMAP_PAGE_SIZE": "10001",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "PORTAL_SITEMAP_PAGE_SIZE must be between 1 and 10000" in result.stderr
