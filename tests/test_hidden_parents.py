"""A published initiative in a draft (or scheduled) category is not public, and nothing
breaks because of it.

live() requires the category to be live too (`Initiative.live_requires`): the item is
a 404 on its own, left out of every list, card, feed, sitemap and open-data answer, and
the pages that link to it from a live item (a film's related initiatives, a case study's
initiatives) simply leave it out. No page may answer 500 because of it.
"""

import re

import pytest

from core.models import Status
from media_library.models.publications import PublicationKind
from tests.factories import (
    future,
    make_category,
    make_document,
    make_initiative,
    make_publication,
    make_video,
)
from tests.sitemaps import sitemap_xml

pytestmark = pytest.mark.django_db

HIDDEN = "Hidden by its area"


@pytest.fixture
def site():
    area = make_category(number=1, slug="area", title_en="Live area")
    draft_area = make_category(number=2, slug="draft-area", title_en="Draft area", status=Status.DRAFT)
    scheduled_area = make_category(number=3, slug="later-area", title_en="Later area", publish_at=future())
    study = make_publication(slug="study", title_en="Case study", kind=PublicationKind.CASE_STUDY)
    film = make_video(slug="film", title_en="A film", featured=True)
    film.categories.add(area, draft_area)
    make_initiative(category=area, number=1, slug="live", title_en="Live one", source_publication=study)
    hidden = [
        make_initiative(category=parent, number=number, slug=slug, title_en=HIDDEN, source_publication=study)
        for parent, number, slug in [(draft_area, 2, "under-draft"), (scheduled_area, 3, "under-later")]
    ]
    for initiative in hidden:
        make_document(initiative, language="en")
        initiative.video_links.create(video=film, order=1)
    return {"hidden": hidden, "film": film}


PAGES = [
    "/en/",
    "/ja/",
    "/en/categories/",
    "/en/categories/area/",
    "/en/initiatives/",
    "/en/initiatives/?category=area",
    "/en/initiatives/live/",
    "/en/videos/",
    "/en/videos/film/",
    "/en/publications/",
    "/en/publications/study/",
    "/en/infographics/",
    "/en/feeds/",
    "/en/feeds/all/",
    "/en/feeds/initiatives/",
    "/en/feeds/videos/",
    "/en/feeds/categories/area/",
    "/en/open-data/",
    "/api/v1/initiatives",
    "/api/v1/initiatives.csv",
    "/api/v1/categories",
    "/api/v1/videos",
    "/api/v1/publications",
    "/api/v1/catalog.jsonld",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", PAGES)
def test_an_initiative_under_a_hidden_area_breaks_no_page_and_is_not_shown(client, site, url):
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert HIDDEN.encode() not in body
    assert b"under-draft" not in body and b"under-later" not in body


def test_an_initiative_under_a_hidden_area_is_404_with_its_files(client, site):
    for initiative in site["hidden"]:
        assert client.get(f"/en/initiatives/{initiative.slug}/").status_code == 404
        assert client.get(initiative.documents.get().get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/initiatives/{initiative.uuid}").status_code == 404
    for url in ["/en/categories/draft-area/", "/en/initiatives/?category=draft-area"]:
        assert client.get(url).status_code in (400, 404), url


def test_the_sitemap_leaves_out_an_initiative_under_a_hidden_area(client, site):
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap_xml(client))
    assert any(url.endswith("/en/initiatives/live/") for url in listed)
    assert not [url for url in listed if "under-" in url or "draft-area" in url or "later-area" in url]
