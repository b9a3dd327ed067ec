import datetime
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from core.models import Status
from initiatives.models import InitiativeVideo
from media_library.models.publications import DatePrecision, Medium
from tests.factories import make_edition, make_file, make_initiative, make_publication, make_video
from tests.sitemaps import sitemap_xml

pytestmark = pytest.mark.django_db

SEED_YOUTUBE = "https://www.youtube.com/watch?v=V7mK8KEORh4&t=7s"


def test_video_list_shows_live_videos_only(client):
    make_video(title_en="TOKYO 2020 #ARIGATO (30 sec.)", duration=30)
    make_video(title_en="A draft film", status=Status.DRAFT)
    page = client.get("/en/videos/").content.decode()
    assert "TOKYO 2020 #ARIGATO (30 sec.)" in page
    assert '<time datetime="PT30S">0:30</time>' in page
    assert "A draft film" not in page


def test_draft_video_is_404_for_visitors(client):
    video = make_video(status=Status.DRAFT)
    assert client.get(video.get_absolute_url()).status_code == 404


def test_draft_video_is_previewed_for_editors(editor_client):
    video = make_video(status=Status.DRAFT)
    response = editor_client.get(video.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"


def test_youtube_video_is_a_click_to_play_link_without_any_youtube_request(client):
    video = make_video(url=SEED_YOUTUBE)
    response = client.get(video.get_absolute_url())
    page = response.content.decode()
    assert "<iframe" not in page
    assert (
        'data-embed-url="https://www.youtube-nocookie.com/embed/V7mK8KEORh4?autoplay=1&amp;start=7"' in page
    )
    assert 'href="https://www.youtube.com/watch?v=V7mK8KEORh4&amp;t=7s"' in page
    assert '<script src="/static/js/video-facade.js" defer></script>' in page
    assert "frame-src https://www.youtube-nocookie.com;" in response["Content-Security-Policy"]


def test_facade_script_frames_only_the_nocookie_player_with_a_referrer():
    script = Path(finders.find("js/video-facade.js")).read_text(encoding="utf-8")
    assert '"https://www.youtube-nocookie.com/embed/"' in script
    assert 'setAttribute("referrerpolicy", "strict-origin-when-cross-origin")' in script
    assert "frame.title" in script


def test_video_on_another_site_is_an_external_link_with_a_notice(client):
    video = make_video(url="https://www.example.org/films/1")
    page = client.get(video.get_absolute_url()).content.decode()
    assert 'href="https://www.example.org/films/1" rel="external noopener"' in page
    assert "leaves the Tokyo 2020 Legacy Portal and opens example.org" in page
    assert "video-facade.js" not in page


def test_video_without_address_is_listed_without_a_player(client):
    video = make_video(url="")
    page = client.get(video.get_absolute_url()).content.decode()
    assert "its web address is not known" in page
    assert "video-player" not in page
    assert "video-facade.js" not in page
    assert "Web address not known" in client.get("/en/videos/").content.decode()


def test_video_page_lists_its_live_initiatives(client, initiative):
    video = make_video()
    draft = make_initiative(category=initiative.category, status=Status.DRAFT, title_en="Hidden initiative")
    InitiativeVideo.objects.create(initiative=initiative, video=video)
    InitiativeVideo.objects.create(initiative=draft, video=video)
    page = client.get(video.get_absolute_url()).content.decode()
    assert "Crisis management" in page
    assert "Hidden initiative" not in page


def test_initiative_page_lists_its_live_videos_in_their_order(client, initiative):
    second = make_video(title_en="Shown second")
    first = make_video(title_en="Shown first")
    hidden = make_video(title_en="Draft film", status=Status.DRAFT)
    InitiativeVideo.objects.create(initiative=initiative, video=second, order=2)
    InitiativeVideo.objects.create(initiative=initiative, video=first, order=1)
    InitiativeVideo.objects.create(initiative=initiative, video=hidden, order=0)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert page.index("Shown first") < page.index("Shown second")
    assert "Draft film" not in page
    assert "No related videos" not in page


def test_video_page_in_japanese_marks_the_english_fallback(client):
    video = make_video(title_en="FIND YOUR HERO", description_en="About para-sports.")
    page = client.get(f"/ja{video.get_absolute_url()[3:]}").content.decode()
    assert '<h1><span lang="en">FIND YOUR HERO</span></h1>' in page


@pytest.fixture
def booklets(db):
    """The two booklets of the Must-show list, in small."""
    legacy = make_publication(slug="building-the-legacy", title_en="Building the Legacy – Beyond 2020 –")
    july = make_edition(legacy, published_on=datetime.date(2021, 7, 1), medium=Medium.PRINTED)
    for language in ("en", "ja"):
        make_file(july, language=language)
    make_file(july, language="fr", title="Après les Jeux, leur héritage – Au-delà de 2020 –")
    towards = make_publication(slug="towards-2020", title_en="Towards 2020 – Building the Legacy –")
    reprint = make_edition(
        towards, note_en="Reprinted edition", published_on=datetime.date(2018, 12, 1), position=1
    )
    make_file(reprint, language="ja")
    make_file(reprint, language="en")
    first = make_edition(
        towards, published_on=datetime.date(2016, 1, 1), date_precision=DatePrecision.YEAR, position=3
    )
    make_file(first, language="en")
    return legacy, towards


def test_publication_list_gives_a_download_per_language_of_each_edition(client, booklets):
    legacy, _towards = booklets
    page = client.get("/en/publications/").content.decode()
    section = page[page.index("Building the Legacy – Beyond 2020 –") : page.index("Towards 2020")]
    assert '<time datetime="2021-07">July 2021</time>' in section
    assert section.count('class="download"') == 3
    english, japanese, french = (f.get_absolute_url() for f in legacy.editions.get().files_in_order)
    assert section.index(english) < section.index(japanese) < section.index(french)
    assert "PDF, " in section
    assert ", French, 2 pages" in section
    assert '<span lang="fr">Après les Jeux, leur héritage – Au-delà de 2020 –</span>' in section


def test_publication_list_shows_every_edition_of_a_publication(client, booklets):
    page = client.get("/en/publications/").content.decode()
    section = page[page.index("Towards 2020") :]
    assert 'Reprinted edition · <time datetime="2018-12">December 2018</time>' in section
    assert '<time datetime="2016">2016</time>' in section
    assert "January 2016" not in section


def test_edition_dates_follow_the_visitors_language(client, booklets):
    page = client.get("/ja/publications/").content.decode()
    assert "2021年7月" in page
    assert "2018年12月" in page


def test_draft_publication_is_neither_listed_nor_shown(client, booklets):
    draft = make_publication(title_en="Unpublished report", status=Status.DRAFT)
    assert "Unpublished report" not in client.get("/en/publications/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_publication_page_offers_an_accessible_format(client, booklets):
    legacy, _towards = booklets
    legacy.publisher_en = "Tokyo Metropolitan Government"
    legacy.save()
    page = client.get(legacy.get_absolute_url()).content.decode()
    assert "Request an accessible format" in page
    assert "Contact the publisher, Tokyo Metropolitan Government." in page
    legacy.accessible_format_contact_en = "International Affairs Division, phone 03-0000-0000"
    legacy.save()
    page = client.get(legacy.get_absolute_url()).content.decode()
    assert "International Affairs Division, phone 03-0000-0000" in page


def test_publication_page_names_the_originals_source(client):
    report = make_publication(title_en="Tokyo 2020 Legacy Report")
    source = "https://www.2020games.metro.tokyo.lg.jp/docs/Tokyo2020LegacyReport_EN.pdf"
    make_file(make_edition(report, published_on=None), language="en", source_url=source)
    page = client.get(report.get_absolute_url()).content.decode()
    assert f'<a href="{source}" rel="external noopener">' in page
    assert "Original published on 2020games.metro.tokyo.lg.jp" in page


def test_sitemap_lists_live_videos_and_publications_with_alternates(client):
    video = make_video(slug="find-your-hero")
    make_video(slug="draft-film", status=Status.DRAFT)
    make_publication(slug="towards-2020")
    xml = sitemap_xml(client)
    assert "http://testserver/en/videos/find-your-hero/" in xml
    assert 'hreflang="ja" href="http://testserver/ja/videos/find-your-hero/"' in xml
    assert "http://testserver/en/publications/towards-2020/" in xml
    assert "http://testserver/en/infographics/" in xml
    assert "draft-film" not in xml
    assert video.get_absolute_url() == "/en/videos/find-your-hero/"


def test_main_menu_marks_the_media_section(client):
    page = client.get("/en/publications/").content.decode()
    assert '<a href="/en/publications/" aria-current="true">Publications</a>' in page
    assert '<a href="/en/videos/">Videos</a>' in page


def test_an_editions_isbn_and_medium_are_shown(client):
    publication = make_publication()
    make_file(make_edition(publication, isbn="978-0-306-40615-7", medium=Medium.PRINTED), language="en")
    page = client.get(publication.get_absolute_url()).content.decode()
    assert "Printed · ISBN 978-0-306-40615-7" in page
