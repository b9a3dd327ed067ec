"""The media library's legacy content, as the loader writes it."""

import datetime
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from initiatives.models import Initiative, InitiativeVideo
from media_library.models import Edition, EditionFile, Infographic, InfographicArchive, Publication, Video

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content")]

SEED_YOUTUBE = "https://www.youtube.com/watch?v=V7mK8KEORh4&t=7s"


def files_in(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def test_the_two_arigato_cuts_are_featured_with_their_durations(legacy_content):
    featured = Video.objects.live().featured()
    assert [(v.title, v.duration_label, v.url) for v in featured] == [
        ("TOKYO 2020 #ARIGATO (30 sec.)", "0:30", ""),
        ("TOKYO 2020 #ARIGATO (15 sec.)", "0:15", ""),
    ]


def test_only_the_seeds_youtube_address_is_used(legacy_content):
    addressed = Video.objects.exclude(url="")
    assert [(v.slug, v.url, v.youtube.id) for v in addressed] == [
        ("tokyo-updates-newsletter-video", SEED_YOUTUBE, "V7mK8KEORh4")
    ]
    assert Video.objects.count() == 32
    assert all(v.thumbnail for v in Video.objects.all())


def test_each_initiative_lists_the_case_studys_videos_in_order(legacy_content):
    initiative = Initiative.objects.get(number=18)
    links = InitiativeVideo.objects.filter(initiative=initiative).select_related("video")
    assert [link.video.title for link in links] == [
        "Uchimizubiyori (English)",
        "TOKYO Spring/Summer2018:Looking to the Past to Stay Cool.",
        "Re-Think Ocean Plastics (1min. [English subtitles])",
        "TOKYO Spring/Summer2019:Raising Awareness About Food Problems",
    ]
    assert InitiativeVideo.objects.count() == 29
    assert not InitiativeVideo.objects.filter(initiative__number__in=[2, 6, 11, 15, 19, 23]).exists()
    find_your_hero = Video.objects.get(slug="find-your-hero")
    assert [c.number for c in find_your_hero.categories.all()] == [3]


def test_publications_have_the_editions_and_languages_of_the_seeds(legacy_content):
    def editions(slug):
        return [
            (
                e.note_en,
                e.published_on,
                e.date_precision,
                [f.language for f in e.files_in_order],
            )
            for e in Edition.objects.filter(publication__slug=slug).prefetch_related("files")
        ]

    assert Publication.objects.live().count() == 6
    assert editions("building-the-legacy-beyond-2020") == [
        ("", datetime.date(2021, 7, 1), "month", ["en", "ja", "fr"])
    ]
    assert editions("towards-2020-building-the-legacy") == [
        ("Reprinted edition", datetime.date(2018, 12, 1), "month", ["en", "ja"]),
        ("Reprinted edition", datetime.date(2018, 10, 1), "month", ["fr"]),
        ("", datetime.date(2016, 1, 1), "year", ["en"]),
    ]
    assert editions("tokyo-2020-legacy-report") == [("", None, "month", ["en", "ja"])]
    french = EditionFile.objects.get(
        edition__publication__slug="building-the-legacy-beyond-2020", language="fr"
    )
    assert french.title == "Après les Jeux, leur héritage – Au-delà de 2020 –"
    assert (french.mime_type, french.page_count) == ("application/pdf", 2)
    card = EditionFile.objects.get(edition__publication__slug="arigato-message-card")
    assert card.mime_type == "image/png"
    report = EditionFile.objects.get(edition__publication__slug="tokyo-2020-legacy-report", language="en")
    assert report.source_url == "https://www.2020games.metro.tokyo.lg.jp/docs/Tokyo2020LegacyReport_EN.pdf"


def test_three_infographics_with_renditions_and_a_ready_zip(legacy_content):
    infographics = list(Infographic.objects.live())
    assert len(infographics) == 3
    assert all(i.alt_text and i.renditions.count() == 6 for i in infographics)
    archive = InfographicArchive.current()
    with default_storage.open(archive.file.name) as fh, zipfile.ZipFile(fh) as zf:
        images = [name for name in zf.namelist() if name.endswith(".png")]
        assert len(images) == 3
        for name in images:
            with Image.open(io.BytesIO(zf.read(name))) as image:
                assert image.size == (1200, 1700)


def test_loading_again_changes_nothing(legacy_content, media_root):
    before = files_in(media_root)
    call_command("load_legacy_content", verbosity=0)
    assert files_in(media_root) == before
    assert Video.objects.count() == 32
    assert EditionFile.objects.count() == 12


def test_an_editors_order_of_related_videos_is_kept(legacy_content):
    link = InitiativeVideo.objects.get(initiative__number=18, video__slug="uchimizubiyori")
    link.order = 9
    link.save()
    call_command("load_legacy_content", verbosity=0)
    link.refresh_from_db()
    assert link.order == 9


def test_the_case_study_and_its_initiatives_link_to_each_other(client):
    case_study = Publication.objects.get(slug="legacy-reporting-framework-case-study")
    assert Initiative.objects.filter(source_publication=case_study).count() == 24
    page = client.get(case_study.get_absolute_url()).content.decode()
    assert "The 24 initiatives it describes" in page
    assert "/en/initiatives/crisis-management-systems/" in page
    initiative = client.get("/en/initiatives/crisis-management-systems/").content.decode()
    assert f'href="{case_study.get_absolute_url()}"' in initiative


def test_related_films_are_said_to_come_from_the_citys_legacy_page(client):
    page = client.get("/en/initiatives/crisis-management-systems/").content.decode()
    assert (
        "Films listed with this initiative on the Tokyo Metropolitan Government’s “Building the Legacy” page"
        in page
    )
    source = Video.objects.get(slug="living-with-covid-19-tokyos-new-normal").source_en
    assert "Building the Legacy" in source and "case study document" not in source


def test_the_memories_report_is_described_as_the_source_describes_it():
    """Seed 000: it commemorates the actions up to the Games with the athletes' and their
    supporters' memories, shares what the Games gave Tokyo, and introduces nine categories
    such as "Safe and secure Games" and "Road map to sustainable society"."""
    summary = Publication.objects.get(slug="tokyo2020-memories-leading-to-the-future").summary_en
    named = ("athletes", "supporters", "host city", "nine", "Safe and secure Games", "sustainable society")
    assert [words for words in named if words not in summary] == []
