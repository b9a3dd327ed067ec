"""Search over the legacy content, as the issue asks it to be found (see content/)."""

import pytest
from django.utils.http import urlencode

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content")]


def search(client, language, query, **params):
    return client.get(f"/{language}/search/?{urlencode({'q': query, **params})}")


def results(response):
    """The result links' addresses, in order."""
    import re

    return re.findall(r'class="search-result__title"><a href="([^"]+)"', response.content.decode())


def test_volunteer_finds_initiative_11_first(client):
    response = search(client, "en", "volunteer")
    assert response.status_code == 200
    assert results(response)[0] == "/en/initiatives/volunteer-culture/"
    assert "<mark>volunteer</mark>" in response.content.decode()


def test_japanese_substring_finds_the_safety_and_security_area(client):
    response = search(client, "ja", "安全")
    assert response.status_code == 200
    assert "/ja/categories/safety-and-security/" in results(response)
    assert "<mark>安全</mark>・安心" in response.content.decode()


@pytest.mark.parametrize("query", ["héritage", "heritage", "HÉRITAGE"])
def test_french_finds_the_french_titled_booklet_with_or_without_accents(client, query):
    response = search(client, "fr", query)
    assert response.status_code == 200
    assert "/fr/publications/building-the-legacy-beyond-2020/" in results(response)
    assert "Après les Jeux, leur <mark>héritage</mark> – Au-delà de 2020 –" in response.content.decode()


def test_a_file_language_finds_the_publications_that_have_one(client):
    found = results(search(client, "en", "French"))
    assert "/en/publications/building-the-legacy-beyond-2020/" in found


def test_results_are_counted_by_kind_and_filterable(client):
    everything = search(client, "en", "legacy")
    body = everything.content.decode()
    assert 'href="?q=legacy&amp;type=publication"' in body
    only = search(client, "en", "legacy", type="publication")
    assert only.status_code == 200
    assert results(only)
    assert all("/publications/" in url for url in results(only))


def test_no_results_page_says_so_and_keeps_the_query(client):
    response = search(client, "en", "zzqxv nothing")
    body = response.content.decode()
    assert response.status_code == 200
    assert "No results for “zzqxv nothing”" in body
    assert 'value="zzqxv nothing"' in body
    assert results(response) == []


def test_result_pages_are_not_for_search_engines(client):
    body = search(client, "en", "volunteer").content.decode()
    assert '<meta name="robots" content="noindex">' in body
    assert "search" not in client.get("/sitemap-pages.xml").content.decode()


def test_every_page_has_a_labelled_search_box(client):
    for language in ("en", "ja", "fr", "zh-hans", "ko"):
        body = client.get(f"/{language}/").content.decode()
        assert f'action="/{language}/search/"' in body
        assert '<label class="visually-hidden" for="site-search-q">' in body


ODD_QUERIES = [
    "",
    "   ",
    "x" * 500,
    "a\x00b volunteer",
    "\x07\x1b[31m",
    '"unbalanced',
    "'; DROP TABLE categories_category; --",
    "100% _under_ \\",
    ".*[(?<=",
    "volunteer OR -culture",
    "<script>alert(1)</script>",
    "安全" * 250,
]


@pytest.mark.parametrize("query", ODD_QUERIES)
@pytest.mark.parametrize("language", ["en", "fr", "ja"])
def test_odd_queries_answer_a_normal_page(client, language, query):
    response = search(client, language, query)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_q_given_twice_searches_the_last_one(client):
    response = client.get("/en/search/?q=zzqxv&q=volunteer")
    assert response.status_code == 200
    assert results(response)[0] == "/en/initiatives/volunteer-culture/"


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"type": "nonsense"}, 200),  # an unknown kind is ignored: every kind is shown
        ({"type": ["initiative", "video"]}, 200),
        ({"page": "abc"}, 404),
        ({"page": "0"}, 404),
        ({"page": "-1"}, 404),
        ({"page": "99999999999999999999999"}, 404),
        ({"page": "2"}, 404),  # past the last page
    ],
)
def test_bad_type_and_page_values_answer_the_sites_pages(client, params, status):
    response = client.get(f"/en/search/?{urlencode({'q': 'volunteer', **params}, doseq=True)}")
    assert response.status_code == status
    if status == 404:
        assert "search-result" not in response.content.decode()
