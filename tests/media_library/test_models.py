import pytest
from django.core.exceptions import ValidationError

from media_library.models import Video
from media_library.models.videos import Player, parse_youtube_url


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
