"""The API over HTTP: CORS everywhere, the preflight, HEAD, read-only methods, errors as
JSON, ETag and Last-Modified with 304, and the page cache."""

import pytest
from django.core.cache import cache
from django.db.utils import OperationalError

from tests.factories import make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(db):
    return make_category(number=1, slug="safety", title_en="Safety")


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/v1/", 200),
        ("/api/v1/categories", 200),
        ("/api/v1/categories.csv", 200),
        ("/api/v1/openapi.json", 200),
        ("/api/v1/catalog.jsonld", 200),
        ("/api/v1/initiatives?updated_since=never", 400),
        ("/api/v1/categories/00000000-0000-0000-0000-000000000000", 404),
        ("/api/v1/no-such-dataset", 404),
    ],
)
def test_every_answer_allows_any_origin(client, area, url, status):
    response = client.get(url, headers={"origin": "https://data.example.org"})
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert not response.cookies


def test_a_preflight_is_answered(client, area):
    response = client.options(
        "/api/v1/initiatives",
        headers={
            "origin": "https://data.example.org",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "if-none-match"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_are_405_json_with_allow(client, area, method):
    response = getattr(client, method)("/api/v1/categories")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["title"] == "Method Not Allowed"


def test_head_answers_like_get_without_a_body(client, area):
    get = client.get("/api/v1/categories")
    head = client.head("/api/v1/categories")
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    assert head["ETag"] == get["ETag"]


def test_an_unknown_address_is_json_not_the_sites_html_page(client):
    response = client.get("/api/v1/nothing/here")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert b"<html" not in response.content
    assert response.json()["detail"].startswith("There is nothing at this address")


def test_a_database_in_trouble_is_a_json_503(client, area, monkeypatch):
    from django.db.models.query import QuerySet

    def fail(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(QuerySet, "count", fail)
    response = client.get("/api/v1/categories")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["status"] == 503
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_list_answers_304_to_its_own_etag(client, area):
    first = client.get("/api/v1/categories")
    assert first["ETag"]
    again = client.get("/api/v1/categories", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    area.title_en = "Safety and Security"
    area.save()
    changed = client.get("/api/v1/categories", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


@pytest.fixture
def page_cache(settings, committed):
    """The page cache on (tests run with it off), and a way to commit a change as it would be."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield committed
    cache.clear()


def test_the_page_cache_keeps_api_answers_with_last_modified_and_304(client, page_cache):
    with page_cache():
        area = make_category(number=1, slug="safety", title_en="Safety")
    first = client.get("/api/v1/categories")
    assert first["X-Page-Cache"] == "miss" and first["Last-Modified"]
    hit = client.get("/api/v1/categories", headers={"if-modified-since": first["Last-Modified"]})
    assert hit.status_code == 304
    assert hit["Access-Control-Allow-Origin"] == "*"
    again = client.get("/api/v1/categories", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    with page_cache():
        area.title_en = "Safety and Security"
        area.save()
    fresh = client.get("/api/v1/categories", headers={"if-none-match": first["ETag"]})
    assert fresh.status_code == 200 and fresh["X-Page-Cache"] == "miss"
    assert fresh.json()["results"][0]["title"]["en"] == "Safety and Security"
