"""What a manual WCAG 2.2 AA review found, checked: form errors, text alternatives,
accessible formats, print, and language of parts."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError

from core.standins import standin_image
from media_library.models import InfographicArchive
from media_library.models.publications import PublicationKind
from tests.factories import (
    make_category,
    make_edition,
    make_file,
    make_infographic,
    make_initiative,
    make_publication,
)

pytestmark = pytest.mark.django_db


def test_the_filters_error_is_beside_its_field_linked_and_in_the_title(client):
    make_initiative(category=make_category(slug="area"))
    response = client.get("/en/initiatives/?category=no-such-area")
    assert response.status_code == 400
    body = response.content.decode()
    select = re.search(r"<select [^>]*>", body).group(0)
    assert 'aria-invalid="true"' in select
    described_by = re.search(r'aria-describedby="([^"]+)"', select).group(1)
    message = re.search(rf'<p class="error-message" id="{described_by}">(.*?)</p>', body, re.S)
    assert message and "Choose a category from the list." in message.group(1)
    assert body.index(f'id="{described_by}"') < body.index("<select")
    assert re.search(r"<title>Error: Initiatives – ", body)


def test_the_error_title_is_in_the_visitors_language(client):
    make_initiative(category=make_category())
    body = client.get("/ja/initiatives/?category=nothing").content.decode()
    from django.utils import translation

    with translation.override("ja"):
        prefix = translation.gettext("Error:")
    assert f"<title>{prefix} " in body


def test_a_message_cards_cover_needs_its_text_and_shows_it(client):
    card = make_publication(kind=PublicationKind.MESSAGE_CARD, slug="card", cover_alt_text_en="")
    with pytest.raises(ValidationError):
        card.full_clean()
    card.cover_alt_text_en = "Thank you, from Tokyo"
    card.save()
    body = client.get("/en/publications/card/").content.decode()
    assert 'alt="Thank you, from Tokyo"' in body


def test_an_image_file_needs_its_text_and_the_page_shows_it(client):
    publication = make_publication(slug="card")
    image = make_file(
        make_edition(publication), language="en", content=standin_image("Card"), filename="card.png"
    )
    with pytest.raises(ValidationError):
        image.full_clean()
    image.alt_text = "Thank you for the Games"
    image.save()
    body = client.get("/en/publications/card/").content.decode()
    assert "Thank you for the Games" in body


def test_a_publication_names_where_to_ask_for_an_accessible_format(client, settings):
    settings.PORTAL_CONTACT_EMAIL = "legacy@example.org"
    make_publication(
        slug="booklet",
        accessible_format_contact_en="International Affairs Division",
        accessible_format_phone="03-5388-2238",
    )
    body = client.get("/en/publications/booklet/").content.decode()
    assert "International Affairs Division" in body
    assert 'href="mailto:legacy@example.org"' in body
    assert 'href="tel:+81353882238"' in body
    assert "large print, plain text (HTML or Word), audio, and braille" in body


def test_an_image_only_pdf_is_said_to_be_unreadable_by_screen_readers(client):
    publication = make_publication(slug="booklet")
    make_file(make_edition(publication), language="en")  # a stand-in: pictures of pages
    body = client.get("/en/publications/booklet/").content.decode()
    assert "image-only PDF, not readable by screen readers" in body


def test_an_infographic_has_a_text_version_linked_from_its_image_and_in_the_zip(client):
    infographic = make_infographic(slug="numbers", text_version_en="Tokyo planted 1,000 trees in 2021.")
    archive = InfographicArchive.current(build=True)
    body = client.get("/en/infographics/").content.decode()
    assert '<a class="infographic__link" href="#text-numbers">' in body
    assert 'id="text-numbers"' in body and "Tokyo planted 1,000 trees in 2021." in body
    with archive.file.open("rb") as fh, zipfile.ZipFile(io.BytesIO(fh.read())) as zf:
        assert "Tokyo planted 1,000 trees in 2021." in zf.read("README.txt").decode()
    assert infographic.pk


def test_each_text_version_is_a_region_named_after_its_infographic(client):
    """axe's landmark-unique: two regions both named "Text version" were indistinguishable."""
    make_infographic(slug="one", title_en="Trees", text_version_en="Trees planted.")
    make_infographic(slug="two", title_en="Medals", text_version_en="Medals won.")
    body = client.get("/en/infographics/").content.decode()
    names = []
    for ids in re.findall(r'<section class="infographic-text"[^>]*aria-labelledby="([^"]+)"', body):
        texts = [re.search(rf'id="{i}"[^>]*>(.*?)</h[23]>', body, re.S).group(1).strip() for i in ids.split()]
        names.append(" ".join(texts))
    assert names == ["Text version Trees", "Text version Medals"]


def test_the_print_stylesheet_prints_site_links_with_the_full_address(client):
    response = client.get("/print.css")
    assert response["Content-Type"].startswith("text/css")
    assert '" (http://testserver" attr(href) ")"' in response.content.decode()
    assert 'href="/print.css" media="print"' in client.get("/en/").content.decode()


def test_the_stylesheet_keeps_korean_words_whole_and_gives_cjk_their_own_fonts():
    from pathlib import Path

    from django.conf import settings

    css = Path(settings.BASE_DIR, "static/css/portal.css").read_text()
    assert re.search(r":lang\(ko\) \{[^}]*word-break: keep-all", css)
    assert re.search(r":lang\(zh\) \{ --font-cjk: \"PingFang SC\"", css)
    assert "font-family: var(--font-cjk), system-ui" in css


def test_the_video_play_control_is_an_svg_that_keeps_its_shape_in_forced_colours(client):
    from tests.factories import make_video

    make_video(slug="film", url="https://www.youtube.com/watch?v=V7mK8KEORh4")
    body = client.get("/en/videos/film/").content.decode()
    assert '<svg class="video-player__icon"' in body
    assert 'fill="currentColor"' in body
