import re

import pytest

from core.models import Status
from tests.factories import make_category, make_initiative

pytestmark = pytest.mark.django_db


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return response.content.decode()


def test_sitemap_lists_every_live_page_in_every_language(client, initiative):
    body = sitemap(client)
    for code in ["en", "ja", "fr", "zh-hans", "ko"]:
        assert f"<loc>http://testserver/{code}/initiatives/{initiative.slug}/</loc>" in body
        assert f"<loc>http://testserver/{code}/categories/{initiative.category.slug}/</loc>" in body
        assert f"<loc>http://testserver/{code}/</loc>" in body


def test_sitemap_entries_carry_hreflang_alternates_and_x_default(client, initiative):
    body = sitemap(client)
    entry = re.search(
        rf"<url><loc>http://testserver/ja/initiatives/{initiative.slug}/</loc>.*?</url>", body, re.S
    ).group(0)
    for code in ["en", "ja", "fr", "zh-hans", "ko"]:
        assert (
            f'<xhtml:link rel="alternate" hreflang="{code}" '
            f'href="http://testserver/{code}/initiatives/{initiative.slug}/"/>'
        ) in entry
    assert f'hreflang="x-default" href="http://testserver/initiatives/{initiative.slug}/"' in entry


def test_x_default_address_redirects_by_accept_language(client, initiative):
    response = client.get(f"/initiatives/{initiative.slug}/", headers={"accept-language": "ko"})
    assert response.status_code == 302
    assert response["Location"] == f"/ko/initiatives/{initiative.slug}/"


def test_sitemap_leaves_out_drafts_and_scheduled_items(client):
    draft_category = make_category(number=5, slug="draft-area", status=Status.DRAFT)
    make_initiative(category=draft_category, number=7, slug="in-draft-area")
    make_initiative(number=8, slug="draft-initiative", status=Status.DRAFT)
    body = sitemap(client)
    assert "draft-area" not in body
    assert "in-draft-area" not in body
    assert "draft-initiative" not in body
