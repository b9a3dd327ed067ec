"""The open-data page: in every language, with the licence, the examples and every address."""

import re
from html import unescape

import pytest

from tests.api.conftest import KINDS
from tests.sitemaps import sitemap_xml

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ja", "fr", "zh-hans", "ko"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_answers_in_every_language_with_every_csv_link(client, language):
    response = client.get(f"/{language}/open-data/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    for kind in KINDS:
        assert f'href="/api/v1/{kind}.csv"' in page, kind
        assert f'href="/api/v1/{kind}"' in page, kind
    assert 'href="/api/v1/openapi.json"' in page and 'href="/api/v1/catalog.jsonld"' in page
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in page
    examples = unescape(page)
    assert (
        "<pre class=\"code-block\"><code>curl 'http://testserver/api/v1/initiatives?page_size=5'</code></pre>"
        in examples
    )


def test_the_page_is_translated(client):
    page = client.get("/ja/open-data/").content.decode()
    assert "<h1>オープンデータ</h1>" in page
    assert "CC BY 4.0" in page
    french = client.get("/fr/open-data/").content.decode()
    assert "<h1>Données ouvertes</h1>" in french


def test_every_link_on_the_page_answers(client, category):
    page = client.get("/en/open-data/").content.decode()
    local = set(re.findall(r'href="(/api/v1/[^"#]*)"', page))
    assert len(local) == 2 * len(KINDS) + 2
    for url in local:
        assert client.get(url).status_code == 200, url


def test_the_footer_links_the_page_and_the_sitemap_lists_it(client):
    assert 'href="/ko/open-data/"' in client.get("/ko/").content.decode()
    sitemap = sitemap_xml(client)
    for language in LANGUAGES:
        assert f"<loc>http://testserver/{language}/open-data/</loc>" in sitemap, language
