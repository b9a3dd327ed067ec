import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import override

from core.i18n import language_name
from media_library.models import Publication, Video
from media_library.models.publications import DatePrecision, validate_isbn
from media_library.models.videos import Player, parse_youtube_url
from tests.factories import make_edition, make_file, make_publication


def test_youtube_watch_address_gives_id_and_start_time():
    video = parse_youtube_url("https://www.youtube.com/watch?v=V7mK8KEORh4&t=7s")
    assert (video.id, video.start) == ("V7mK8KEORh4", 7)
    assert video.embed_url == "https://www.youtube-nocookie.com/embed/V7mK8KEORh4?autoplay=1&start=7"


@pytest.mark.parametrize(
    "url",
    [
        "https://youtu.be/V7mK8KEORh4",
        "https://www.youtube.com/embed/V7mK8KEORh4",
        "https://m.youtube.com/watch?v=V7mK8KEORh4",
        "https://www.youtube.com/shorts/V7mK8KEORh4",
    ],
)
def test_other_youtube_address_forms_are_recognised(url):
    assert parse_youtube_url(url).id == "V7mK8KEORh4"


def test_youtube_start_time_in_minutes_and_seconds():
    assert parse_youtube_url("https://youtu.be/V7mK8KEORh4?t=1m30s").start == 90


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://vimeo.com/123456",
        "https://www.youtube.com.example.org/watch?v=V7mK8KEORh4",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=V7mK8KEORh4%22onload",
        "https://www.youtube.com/channel/UC1234567890",
    ],
)
def test_anything_else_is_not_a_youtube_video(url):
    assert parse_youtube_url(url) is None


@pytest.mark.parametrize(
    ("seconds", "label", "iso"),
    [(30, "0:30", "PT30S"), (15, "0:15", "PT15S"), (60, "1:00", "PT1M0S"), (3723, "1:02:03", "PT1H2M3S")],
)
def test_duration_is_shown_as_minutes_and_seconds(seconds, label, iso):
    video = Video(duration=seconds)
    assert (video.duration_label, video.duration_iso) == (label, iso)


def test_unknown_duration_shows_nothing():
    assert Video(duration=None).duration_label == ""


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://www.youtube.com/watch?v=V7mK8KEORh4", Player.YOUTUBE),
        ("https://www.example.org/films/1", Player.EXTERNAL),
        ("", Player.NONE),
    ],
)
def test_the_address_decides_how_a_video_plays(url, player):
    assert Video(url=url).player == player


def test_external_host_is_named_without_www():
    assert Video(url="https://www.example.org/films/1").external_host == "example.org"


@pytest.mark.django_db
def test_video_address_must_be_http_or_https():
    video = Video(slug="v", title_en="V", url="ftp://example.org/film.mp4")
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "url" in error.value.message_dict


@pytest.mark.parametrize("isbn", ["978-0-306-40615-7", "9780306406157", "0-306-40615-2", "0-8044-2957-X"])
def test_valid_isbns_are_accepted(isbn):
    validate_isbn(isbn)


@pytest.mark.parametrize("isbn", ["978-0-306-40615-6", "12345", "ISBN 978", "0-306-40615-3"])
def test_isbns_with_a_wrong_check_digit_or_shape_are_refused(isbn):
    with pytest.raises(ValidationError):
        validate_isbn(isbn)


@pytest.mark.django_db
def test_edition_date_keeps_only_the_month():
    edition = make_edition(make_publication(), published_on=datetime.date(2021, 7, 19))
    assert edition.published_on == datetime.date(2021, 7, 1)


@pytest.mark.django_db
def test_edition_date_of_year_precision_keeps_only_the_year():
    edition = make_edition(
        make_publication(), published_on=datetime.date(2016, 5, 3), date_precision=DatePrecision.YEAR
    )
    assert edition.published_on == datetime.date(2016, 1, 1)


@pytest.mark.django_db
def test_file_facts_are_read_from_the_upload(pdf_bytes, png_bytes):
    edition = make_edition(make_publication())
    pdf = make_file(edition, language="fr", content=pdf_bytes)
    card = make_file(edition, language="en", content=png_bytes, filename="card.png")
    assert (pdf.mime_type, pdf.size, pdf.page_count) == ("application/pdf", len(pdf_bytes), 3)
    assert (card.mime_type, card.page_count, card.width, card.height) == ("image/png", None, 300, 200)


@pytest.mark.django_db
def test_an_edition_has_one_file_per_language():
    edition = make_edition(make_publication())
    make_file(edition, language="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_file(edition, language="en")


@pytest.mark.django_db
def test_download_filename_keeps_the_files_own_title_and_language():
    publication = make_publication(title_en="Building the Legacy – Beyond 2020 –")
    edition = make_edition(publication)
    french = make_file(edition, language="fr", title="Après les Jeux, leur héritage – Au-delà de 2020 –")
    english = make_file(edition, language="en")
    with override("fr"):
        # The language is named in the file's own language once catalogues are compiled.
        french_name = language_name("fr")
    assert french.download_filename == (
        f"Après les Jeux, leur héritage – Au-delà de 2020 – (2021-07, {french_name}).pdf"
    )
    assert english.download_filename == "Building the Legacy – Beyond 2020 – (2021-07, English).pdf"


@pytest.mark.django_db
def test_publications_newest_first_follow_their_latest_edition():
    old = make_publication(title_en="Old")
    make_edition(old, published_on=datetime.date(2016, 1, 1))
    new = make_publication(title_en="New")
    make_edition(new, published_on=datetime.date(2016, 1, 1))
    make_edition(new, published_on=datetime.date(2021, 7, 1))
    undated = make_publication(title_en="Undated")
    make_edition(undated, published_on=None)
    assert list(Publication.objects.newest_first()) == [new, old, undated]
