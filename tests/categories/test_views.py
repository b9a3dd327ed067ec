import pytest

from core.models import Status
from tests.factories import future, make_category, make_initiative

pytestmark = pytest.mark.django_db


def test_category_list_shows_live_categories_in_number_order(client):
    make_category(number=2, title_en="Urban Development")
    make_category(number=1, title_en="Safety and Security")
    body = client.get("/en/categories/").content.decode()
    assert body.index("Safety and Security") < body.index("Urban Development")


def test_draft_category_is_hidden_from_the_list_and_home(client):
    make_category(number=3, title_en="Secret area", status=Status.DRAFT)
    assert "Secret area" not in client.get("/en/categories/").content.decode()
    assert "Secret area" not in client.get("/en/").content.decode()


def test_draft_category_is_404_for_visitors(client):
    category = make_category(status=Status.DRAFT)
    assert client.get(f"/en/categories/{category.slug}/").status_code == 404


def test_scheduled_category_is_404_until_its_publish_at(client):
    category = make_category(publish_at=future(days=1))
    assert client.get(f"/en/categories/{category.slug}/").status_code == 404


def test_staff_can_preview_a_draft_category(editor_client):
    category = make_category(status=Status.DRAFT, title_en="Draft area")
    response = editor_client.get(f"/en/categories/{category.slug}/")
    assert response.status_code == 200
    assert "This page is not published. Only staff can see it." in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_category_detail_lists_only_its_live_initiatives(client, category):
    make_initiative(category=category, number=1, title_en="Visible initiative")
    make_initiative(category=category, number=2, title_en="Hidden initiative", status=Status.DRAFT)
    make_initiative(number=3, title_en="Another area's initiative")
    body = client.get(f"/en/categories/{category.slug}/").content.decode()
    assert "Visible initiative" in body
    assert "Hidden initiative" not in body
    assert "Another area's initiative" not in body


def test_category_list_counts_only_live_initiatives(client, category):
    make_initiative(category=category, number=1)
    make_initiative(category=category, number=2, status=Status.DRAFT)
    assert "1 initiative<" in client.get("/en/categories/").content.decode()
