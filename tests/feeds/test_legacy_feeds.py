"""The feeds of the content the portal ships with, in every language."""

import os

import pytest
from django.conf import settings as django_settings

from initiatives.models import Initiative, InitiativeDocument
from media_library.models import EditionFile, Infographic, Publication
from tests.feeds.support import links, local, read_feed
from tests.shipped_pages import GROUP

pytestmark = [pytest.mark.usefixtures("legacy_content"), GROUP]

LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
FEEDS = ["all", "initiatives", "videos", "publications", "infographics", "seminars"]


def every_feed(language):
    areas = ["safety-and-security", "urban-development", "sports-and-health"]
    return [f"/{language}/feeds/{name}/" for name in FEEDS] + [
        f"/{language}/feeds/categories/{slug}/" for slug in areas
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_feed_parses_and_links_only_to_pages_that_answer(shipped_pages, language):
    checked = set()
    for url in every_feed(language):
        parsed = read_feed(shipped_pages, url)
        assert parsed.feed.language == language
        assert parsed.entries, url
        for entry in parsed.entries:
            (alternate,) = links(entry, "alternate")
            assert alternate.href.startswith(f"http://testserver/{language}/")
            if alternate.href not in checked:
                assert shipped_pages.get(local(alternate.href)).status_code == 200, alternate.href
                checked.add(alternate.href)


def test_the_feed_of_everything_is_full_and_each_id_is_there_once(client):
    parsed = read_feed(client, "/en/feeds/all/")
    assert len(parsed.entries) == 50
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == 50
    assert all(identifier.startswith("urn:uuid:") for identifier in ids)


def test_japanese_feeds_carry_the_japanese_titles(client):
    parsed = read_feed(client, "/ja/feeds/initiatives/")
    japanese = {f"urn:uuid:{i.uuid}": i.title_ja for i in Initiative.objects.all()}
    assert len(parsed.entries) == 24
    for entry in parsed.entries:
        assert entry.title == japanese[entry.id]
        assert entry.title_detail.language == "ja"
    assert "東京2020レガシーポータル" in parsed.feed.title


def test_the_french_publications_feed_has_the_french_booklet_title(client):
    titles = [entry.title for entry in read_feed(client, "/fr/feeds/publications/").entries]
    assert "Après les Jeux, leur héritage – Au-delà de 2020 –" in titles


def expected_enclosures(language):
    """Every file of the shipped content: its counted download in `language`, and its size on disk."""
    media = django_settings.MEDIA_ROOT
    found = {}
    for document in InitiativeDocument.objects.select_related("initiative"):
        url = f"http://testserver/{language}/initiatives/{document.initiative.slug}/document/{document.language}/"
        found[url] = os.path.getsize(media / document.file.name)
    for stored in EditionFile.objects.select_related("edition__publication"):
        url = (
            f"http://testserver/{language}/publications/{stored.edition.publication.slug}/files/{stored.pk}/"
        )
        found[url] = os.path.getsize(media / stored.file.name)
    for infographic in Infographic.objects.all():
        url = f"http://testserver/{language}/infographics/{infographic.slug}/original/"
        found[url] = os.path.getsize(media / infographic.file.name)
    return found


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_file_is_an_enclosure_with_its_real_size(client, settings, language):
    expected = expected_enclosures(language)
    given = {}
    for name in ["initiatives", "publications", "infographics"]:
        for entry in read_feed(client, f"/{language}/feeds/{name}/").entries:
            for enclosure in links(entry, "enclosure"):
                given[enclosure.href] = int(enclosure.length)
    assert given == expected


def test_an_enclosure_downloads_the_file_it_describes(client):
    booklet = Publication.objects.get(slug="building-the-legacy-beyond-2020")
    (entry,) = [
        entry
        for entry in read_feed(client, "/en/feeds/publications/").entries
        if entry.id == f"urn:uuid:{booklet.uuid}"
    ]
    enclosures = links(entry, "enclosure")
    assert {enclosure.hreflang for enclosure in enclosures} >= {"en", "ja", "fr"}
    for enclosure in enclosures:
        response = client.get(local(enclosure.href))
        assert response.status_code == 200
        assert response["Content-Type"] == enclosure.type
        assert int(response["Content-Length"]) == int(enclosure.length)
