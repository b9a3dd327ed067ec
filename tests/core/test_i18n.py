"""Language switcher, hreflang alternates, fallback notice, locale-formatted dates."""

import datetime
import re

import pytest

from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


def switcher_links(body):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', body, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav))


def test_switcher_leads_to_the_same_initiative_in_each_language(client, initiative):
    links = switcher_links(client.get(f"/en/initiatives/{initiative.slug}/").content.decode())
    assert links == {
        f"/ja/initiatives/{initiative.slug}/": "ja",
        f"/fr/initiatives/{initiative.slug}/": "fr",
        f"/zh-hans/initiatives/{initiative.slug}/": "zh-hans",
        f"/ko/initiatives/{initiative.slug}/": "ko",
    }


def test_switcher_keeps_the_list_filter(client, initiative):
    links = switcher_links(
        client.get(f"/en/initiatives/?category={initiative.category.slug}").content.decode()
    )
    assert f"/ja/initiatives/?category={initiative.category.slug}" in links


def test_switcher_on_a_404_leads_to_each_home_page(client, db):
    links = switcher_links(client.get("/en/categories/missing/").content.decode())
    assert "/ja/" in links


def test_head_declares_hreflang_alternates_and_x_default(client, category):
    body = client.get(f"/fr/categories/{category.slug}/").content.decode()
    for code in ["en", "ja", "fr", "zh-hans", "ko"]:
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/categories/{category.slug}/">'
            in body
        )
    assert f'hreflang="x-default" href="http://testserver/categories/{category.slug}/"' in body
    assert '<meta property="og:title" content="Safety and Security">' in body
    assert '<meta property="og:locale" content="fr_FR">' in body
    assert '<meta name="description" content="Summary of category 1.">' in body


def test_untranslated_page_says_so_and_marks_the_fallback_language(client, initiative):
    body = client.get(f"/fr/initiatives/{initiative.slug}/").content.decode()
    assert "Cette page n’est pas encore disponible en français\u00a0; elle est affichée en anglais." in body
    assert f'<h1 class="accent-heading"><span lang="en">{initiative.title_en}</span></h1>' in body


def test_translated_page_has_no_fallback_notice(client, category):
    category.summary_ja = "分野の概要。"
    category.save()
    body = client.get(f"/ja/categories/{category.slug}/").content.decode()
    assert "まだご覧いただけません" not in body
    assert '<h1 class="accent-heading">安全・安心</h1>' in body


def test_fallback_goes_to_japanese_when_english_is_missing(client, category):
    initiative = make_initiative(category=category, title_en="", title_ja="日本語だけの題", number=5)
    initiative.title_en = ""
    initiative.save()
    body = client.get(f"/ko/initiatives/{initiative.slug}/").content.decode()
    assert '<span lang="ja">日本語だけの題</span>' in body


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "8 July 2021"), ("ja", "2021年7月8日"), ("fr", "8 juillet 2021"), ("ko", "2021년 7월 8일")],
)
def test_dates_are_formatted_for_the_locale(client, initiative, language, expected):
    initiative.as_of = datetime.date(2021, 7, 8)
    initiative.save()
    body = client.get(f"/{language}/initiatives/{initiative.slug}/").content.decode()
    assert expected in body
