"""What search finds and how it shows it, on content made for each test."""

import re

import pytest
from django.utils.http import urlencode

from core import workflow
from core.models import Status
from search import views
from tests.admin_forms import form_values
from tests.factories import (
    future,
    make_category,
    make_city,
    make_edition,
    make_infographic,
    make_initiative,
    make_publication,
    make_seminar,
    make_video,
)

pytestmark = pytest.mark.django_db


def found(client, query, language="en", **params):
    response = client.get(f"/{language}/search/?{urlencode({'q': query, **params})}")
    assert response.status_code == 200
    return re.findall(r'class="search-result__title"><a href="([^"]+)"', response.content.decode())


def test_every_kind_of_content_is_found(client):
    category = make_category(slug="area", title_en="Marmalade area")
    make_initiative(category=category, slug="init", summary_en="Some marmalade here.")
    make_video(slug="film", description_en="A film about marmalade.")
    make_publication(slug="booklet", summary_en="Marmalade booklet.")
    make_infographic(slug="chart", description_en="Marmalade in numbers.")
    make_seminar(slug="meeting", theme_en="Marmalade")
    make_city(slug="town", name_en="Marmalade Town")
    assert sorted(found(client, "marmalade")) == sorted(
        [
            "/en/categories/area/",
            "/en/initiatives/init/",
            "/en/videos/film/",
            "/en/publications/booklet/",
            "/en/infographics/#chart",
            "/en/seminars/meeting/",
            "/en/cities/town/",
        ]
    )


def test_a_publication_is_found_by_its_editions_note(client):
    publication = make_publication(slug="booklet")
    make_edition(publication, note_en="Reprinted marmalade edition")
    assert found(client, "marmalade") == ["/en/publications/booklet/"]


def test_drafts_scheduled_items_and_items_of_hidden_areas_are_never_found(client):
    make_initiative(slug="draft", title_en="Marmalade draft", status=Status.DRAFT)
    make_initiative(slug="later", title_en="Marmalade later", publish_at=future())
    hidden = make_category(slug="hidden", status=Status.DRAFT)
    make_initiative(category=hidden, slug="orphan", title_en="Marmalade orphan")
    make_video(slug="review", title_en="Marmalade film", status=Status.IN_REVIEW)
    make_initiative(slug="live", title_en="Marmalade live")
    assert found(client, "marmalade") == ["/en/initiatives/live/"]


def test_an_editors_unpublished_change_is_not_found_until_approved(editor_client, client, publisher):
    category = make_category(slug="area", title_en="Old title")
    url = f"/admin/categories/category/{category.pk}/change/"
    data = form_values(editor_client, url)
    data["title_en"] = "Secret marmalade title"
    assert editor_client.post(url, data).status_code == 302
    assert found(client, "marmalade") == []
    assert found(client, "old") == ["/en/categories/area/"]
    workflow.approve(type(category).objects.get(pk=category.pk), publisher)
    assert found(client, "marmalade") == ["/en/categories/area/"]


def test_a_publish_is_found_at_once_though_pages_are_cached(client, settings):
    make_initiative(slug="first", title_en="Marmalade one")
    assert found(client, "marmalade") == ["/en/initiatives/first/"]
    make_initiative(slug="second", title_en="Marmalade two")
    assert sorted(found(client, "marmalade")) == ["/en/initiatives/first/", "/en/initiatives/second/"]


def test_fallback_text_is_found_and_carries_its_language(client):
    make_initiative(slug="english-only", title_en="Marmalade only in English", summary_en="Marmalade.")
    response = client.get("/fr/search/?q=marmalade")
    body = response.content.decode()
    assert found(client, "marmalade", "fr") == ["/fr/initiatives/english-only/"]
    assert 'lang="en">Marmalade only in English' not in body  # the title is highlighted
    assert re.search(r'<a href="/fr/initiatives/english-only/" lang="en"><mark>Marmalade</mark>', body)
    assert '<p class="search-result__excerpt" lang="en">' in body


def test_the_text_in_the_pages_language_wins_over_the_fallback(client):
    make_initiative(slug="both", title_en="Marmalade", title_fr="Confiture")
    assert found(client, "confiture", "fr") == ["/fr/initiatives/both/"]
    assert found(client, "marmalade", "fr") == []


def test_the_title_ranks_above_the_summary(client):
    make_initiative(slug="in-summary", title_en="Jam", summary_en="About marmalade.")
    make_initiative(slug="in-title", title_en="Marmalade", summary_en="About jam.")
    assert found(client, "marmalade") == ["/en/initiatives/in-title/", "/en/initiatives/in-summary/"]


def test_every_word_must_match(client):
    make_initiative(slug="both", title_en="Marmalade and toast")
    make_initiative(slug="one", title_en="Marmalade alone")
    assert found(client, "toast marmalade") == ["/en/initiatives/both/"]


def test_matches_are_highlighted_and_escaped(client):
    make_initiative(slug="x", title_en="<b>Marmalade</b> & co", summary_en="Plain <i>marmalades</i>.")
    body = client.get("/en/search/?q=marmalade").content.decode()
    assert "&lt;b&gt;<mark>Marmalade</mark>&lt;/b&gt; &amp; co" in body
    assert "&lt;i&gt;<mark>marmalades</mark>&lt;/i&gt;" in body


def test_results_are_paginated(client, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 2)
    category = make_category()
    for number in range(1, 6):
        make_initiative(category=category, slug=f"i{number}", title_en=f"Marmalade {number}")
    pages = [found(client, "marmalade", page=page) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert len({url for page in pages for url in page}) == 5
    assert client.get("/en/search/?q=marmalade&page=4").status_code == 404


def test_a_kind_filter_keeps_the_counts_of_every_kind(client):
    make_initiative(slug="init", title_en="Marmalade")
    make_video(slug="film", title_en="Marmalade film")
    body = client.get("/en/search/?q=marmalade&type=video").content.decode()
    assert found(client, "marmalade", type="video") == ["/en/videos/film/"]
    assert re.search(r"Initiatives <span class=\"search-kinds__count\">\(1\)</span>", body)
    assert re.search(r'aria-current="page">Videos <span class="search-kinds__count">\(1\)</span>', body)
