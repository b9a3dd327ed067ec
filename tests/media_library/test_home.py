import datetime

import pytest
from django.template.defaultfilters import filesizeformat

from core.models import Status
from media_library.models import InfographicArchive
from media_library.models.publications import PublicationKind
from tests.factories import (
    make_edition,
    make_file,
    make_infographic,
    make_publication,
    make_video,
)

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_featured_films(client):
    make_video(title_en="TOKYO 2020 #ARIGATO (30 sec.)", duration=30, featured=True)
    make_video(title_en="Not featured")
    make_video(title_en="Draft film", featured=True, status=Status.DRAFT)
    page = client.get("/en/").content.decode()
    assert "TOKYO 2020 #ARIGATO (30 sec.)" in page
    assert '<time datetime="PT30S">0:30</time>' in page
    assert "Not featured" not in page
    assert "Draft film" not in page


def test_home_page_offers_the_message_card(client, png_bytes):
    card = make_publication(title_en='"#ARIGATO" Message Card', kind=PublicationKind.MESSAGE_CARD)
    stored = make_file(make_edition(card), language="en", content=png_bytes, filename="card.png")
    page = client.get("/en/").content.decode()
    assert "&quot;#ARIGATO&quot; Message Card" in page
    assert f'href="{stored.get_absolute_url()}"' in page
    assert "PNG, " in page


def test_home_page_shows_infographics_and_the_zip_of_all(client):
    for _ in range(3):
        make_infographic(size=(200, 150))
    make_infographic(title_en="Draft infographic", status=Status.DRAFT, size=(200, 150))
    archive = InfographicArchive.current(build=True)
    page = client.get("/en/").content.decode()
    assert page.count("<picture>") == 3
    assert "Draft infographic" not in page
    assert 'href="/en/infographics/all.zip"' in page
    assert "Download all 3 infographics" in page
    assert f"ZIP, {filesizeformat(archive.size)}" in page


def test_home_page_lists_the_latest_publications_newest_first(client):
    for year, title in [(2016, "Oldest"), (2021, "Newest"), (2018, "Middle"), (2017, "Fourth")]:
        make_edition(make_publication(title_en=title), published_on=datetime.date(year, 7, 1))
    make_publication(title_en="Hidden draft", status=Status.DRAFT)
    page = client.get("/en/").content.decode()
    section = page[page.index('id="home-publications"') :]
    assert section.index("Newest") < section.index("Middle") < section.index("Fourth")
    assert "Oldest" not in section
    assert "Hidden draft" not in page


def test_home_page_still_lists_the_categories(client, category):
    assert "Safety and Security" in client.get("/en/").content.decode()


def test_the_home_page_quotes_the_citys_definition_of_legacy_and_links_its_page(client, db):
    body = client.get("/en/").content.decode()
    assert "host city and host country can inherit and enjoy for many years" in body
    assert (
        'href="https://www.2020games.metro.tokyo.lg.jp/eng/taikaijyunbi/torikumi/legacy/index.html"' in body
    )
