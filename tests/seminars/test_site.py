import pytest

from core.models import Status
from tests.factories import make_city, make_seminar
from tests.sitemaps import sitemap_xml

pytestmark = pytest.mark.django_db


def test_home_page_shows_live_seminars_only(client):
    make_seminar(title_en="Published seminar")
    make_seminar(title_en="Draft seminar", status=Status.DRAFT)
    html = client.get("/en/").content.decode()
    assert 'id="home-seminars"' in html
    assert "Published seminar" in html
    assert "Draft seminar" not in html


def test_navigation_links_to_seminars_and_partners(client):
    html = client.get("/en/").content.decode()
    assert 'href="/en/seminars/"' in html
    assert 'href="/en/cities/"' in html


def test_sitemap_lists_live_seminars_and_cities_in_every_language(client, sixth_seminar, seoul):
    make_seminar(slug="secret-seminar", status=Status.DRAFT)
    make_city(slug="secret-city", status=Status.DRAFT)
    xml = sitemap_xml(client)
    assert "http://testserver/ja/seminars/global-partners-seminar-2021/" in xml
    assert "http://testserver/ko/cities/seoul/" in xml
    assert "http://testserver/fr/seminars/" in xml
    assert "http://testserver/en/cities/" in xml
    assert "secret-seminar" not in xml
    assert "secret-city" not in xml
