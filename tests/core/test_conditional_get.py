"""Public pages carry an ETag of what is sent, and a matching If-None-Match gets a 304."""

import pytest

from tests.factories import make_category

pytestmark = pytest.mark.django_db


def test_a_page_answers_304_to_its_own_etag(client):
    make_category(number=1, slug="safety", title_en="Safety")
    page = client.get("/en/categories/")
    assert page.status_code == 200 and page["ETag"]
    again = client.get("/en/categories/", headers={"if-none-match": page["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_the_etag_changes_with_the_page(client):
    category = make_category(number=1, slug="safety", title_en="Safety")
    before = client.get("/en/categories/")["ETag"]
    category.title_en = "Safety and Security"
    category.save()
    after = client.get("/en/categories/", headers={"if-none-match": before})
    assert after.status_code == 200 and after["ETag"] != before
