"""No served page loads anything from another host: no script, frame, stylesheet, font or image.

The test follows every same-site link under /en/ and /ja/ of the project's content (with
the YouTube facade) and reads each page's resources; a film on another site is checked
on the pages that show it.
"""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders

from tests.factories import make_video
from tests.shipped_pages import GROUP

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content"), GROUP]

RESOURCE_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"}
DOWNLOAD_PARTS = ("/files/", "/original/", ".zip", "/document/")


class PageResources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.resources, self.frames, self.inline_scripts, self.links = [], [], 0, []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("iframe", "frame", "embed", "object"):
            self.frames.append(tag)
        if tag == "script":
            if attrs.get("src"):
                self.resources.append(attrs["src"])
            elif attrs.get("type") != "application/ld+json":
                # JSON-LD is a data block: browsers never run it, and the CSP allows it.
                self.inline_scripts += 1
        if tag == "link" and RESOURCE_RELS & set((attrs.get("rel") or "").split()):
            self.resources.append(attrs.get("href", ""))
        if tag in ("img", "source", "video", "audio", "track", "input"):
            for name in ("src", "poster"):
                if attrs.get(name):
                    self.resources.append(attrs[name])
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    self.resources.append(candidate.split()[0])
        if "url(" in (attrs.get("style") or ""):
            self.resources.append(attrs["style"])
        if tag == "style":
            self._in = "style"
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if self._in == "style" and ("url(" in data or "@import" in data):
            self.resources.append(data)

    def handle_endtag(self, tag):
        self._in = None


def third_party(url):
    parts = urlsplit(url.strip())
    return bool(parts.netloc and parts.netloc != "testserver") or "url(http" in url


def problems_of(path, response):
    page = PageResources()
    page.feed(response.content.decode())
    problems = [(path, url) for url in page.resources if third_party(url)]
    problems += [(path, tag) for tag in page.frames]
    problems += [(path, "inline script")] * page.inline_scripts
    return page, problems


def test_no_served_page_loads_anything_from_another_host(shipped_pages):
    queue, seen, pages = ["/en/", "/ja/"], set(), 0
    problems = []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = shipped_pages.get(path)
        assert response.status_code == 200, path
        if not response["Content-Type"].startswith("text/html"):
            continue
        pages += 1
        page, found = problems_of(path, response)
        problems += found
        for href in page.links:
            target = urlsplit(href)
            if target.netloc or not target.path.startswith(("/en/", "/ja/")):
                continue
            if not any(part in target.path for part in DOWNLOAD_PARTS):
                queue.append(target.path)
    assert problems == []
    # Every kind of page was reached: lists and details of each app, in both languages,
    # the YouTube film's page among them.
    for path in (
        "/ja/videos/tokyo-updates-newsletter-video/",
        "/en/publications/building-the-legacy-beyond-2020/",
        "/ja/infographics/",
        "/en/initiatives/environmentally-conscious-city/",
    ):
        assert path in seen
    assert pages > 100


def test_a_film_on_another_site_is_linked_not_loaded(client):
    """A film hosted elsewhere than YouTube: its page and the lists that show it load
    nothing from its host either."""
    make_video(slug="on-another-site", url="https://www.example.org/films/1")
    problems = []
    for path in ("/en/videos/on-another-site/", "/ja/videos/on-another-site/", "/en/videos/", "/en/"):
        response = client.get(path)
        assert response.status_code == 200, path
        problems += problems_of(path, response)[1]
    assert problems == []
    assert "https://www.example.org/films/1" in client.get("/en/videos/on-another-site/").content.decode()


def test_the_stylesheet_and_scripts_load_nothing_from_another_host():
    for name in ("css/portal.css", "js/video-facade.js"):
        text = Path(finders.find(name)).read_text(encoding="utf-8")
        assert "@import" not in text
        assert "url(http" not in text
        assert "@font-face" not in text
    script = Path(finders.find("js/video-facade.js")).read_text(encoding="utf-8")
    assert "https://" not in script.replace('"https://www.youtube-nocookie.com/embed/"', "")
