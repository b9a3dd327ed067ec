"""Each translation knows whether it is the city's own or the portal's, and whether it is
behind the English; pages say so, and staff set it in the admin."""

import pytest

from categories.models import Category
from core import translations
from tests.admin_forms import form_values
from tests.factories import make_category

pytestmark = pytest.mark.django_db


def official(category, lang, *fields):
    translations.set_origin(category, lang, translations.OFFICIAL, fields or None)
    Category.objects.filter(pk=category.pk).update(translation_meta=category.translation_meta)


def test_a_page_showing_a_portal_translation_says_so_once_with_a_link_to_the_english(client):
    make_category(
        slug="area", title_en="Safety", title_fr="Sécurité", summary_en="Safer.", summary_fr="Plus sûr."
    )
    body = client.get("/fr/categories/area/").content.decode()
    assert body.count('class="banner banner--translation"') == 1
    assert '<a href="/en/categories/area/" hreflang="en">' in body


def test_a_page_showing_only_the_citys_own_translations_says_nothing(client):
    category = make_category(slug="area", title_en="Safety", title_ja="安全・安心", summary_en="", body_en="")
    official(category, "ja")
    assert "banner--translation" not in client.get("/ja/categories/area/").content.decode()
    assert "banner--translation" not in client.get("/en/categories/area/").content.decode()


def test_a_page_whose_translation_is_behind_the_english_says_so(client):
    category = make_category(slug="area", title_en="Safety", title_ja="安全", summary_en="", body_en="")
    official(category, "ja")
    category.title_en = "Safety and Security"
    category.save()
    body = client.get("/ja/categories/area/").content.decode()
    assert body.count("banner--translation") == 1
    assert 'class="translation-note__outdated"' in body
    assert 'class="translation-note__portal"' not in body


def test_a_fallback_page_does_not_claim_a_translation(client):
    make_category(slug="area", title_en="Safety", summary_en="Safer.")
    assert "banner--translation" not in client.get("/ko/categories/area/").content.decode()


@pytest.mark.parametrize("path", ["/fr/categories/area/", "/en/categories/area/"])
def test_the_content_length_counts_the_page_with_its_note_or_without(client, path):
    """The note replaces its marker after CommonMiddleware has set Content-Length: a stale
    length left browsers waiting for bytes that never came."""
    make_category(slug="area", title_en="Safety", title_fr="Sécurité")
    response = client.get(path)
    assert int(response["Content-Length"]) == len(response.content)


def test_staff_mark_a_languages_texts_official_in_the_admin(publisher_client):
    category = make_category(
        title_en="Safety", title_ja="安全", summary_en="Safer.", summary_ja="より安全に。"
    )
    url = f"/admin/categories/category/{category.pk}/change/"
    data = form_values(publisher_client, url)
    data["_origin_ja"] = "official"
    assert publisher_client.post(url, data).status_code == 302
    category.refresh_from_db()
    assert translations.origin(category, "title", "ja") == translations.OFFICIAL
    assert translations.origin(category, "summary", "ja") == translations.OFFICIAL


def test_rewriting_an_official_translation_makes_it_the_portals_until_marked(publisher_client):
    category = make_category(title_en="Safety", title_ja="安全")
    official(category, "ja")
    url = f"/admin/categories/category/{category.pk}/change/"
    data = form_values(publisher_client, url)
    data["title_ja"] = "安全・安心"
    publisher_client.post(url, data)
    category.refresh_from_db()
    assert translations.origin(category, "title", "ja") == translations.PORTAL


def test_staff_confirm_that_an_outdated_translation_still_matches(publisher_client):
    category = make_category(title_en="Safety", title_fr="Sécurité")
    category.title_en = "Safety!"
    category.save()
    url = f"/admin/categories/category/{category.pk}/change/"
    body = publisher_client.get(url).content.decode()
    assert 'id="portal-translation-states"' in body
    assert '"id_title_fr": "outdated"' in body
    data = form_values(publisher_client, url)
    data["_current_fr"] = "on"
    publisher_client.post(url, data)
    category.refresh_from_db()
    assert translations.state(category, "title", "fr") == translations.COMPLETE
