"""A small site with one live item of every kind and the hidden ones beside it."""

import datetime

import pytest

from core.models import Status
from tests.factories import (
    future,
    japan,
    make_category,
    make_city,
    make_document,
    make_edition,
    make_file,
    make_infographic,
    make_infographic_row,
    make_initiative,
    make_photo,
    make_programme_item,
    make_publication,
    make_seminar,
    make_session,
    make_video,
    take_part,
)

KINDS = ["categories", "initiatives", "videos", "publications", "infographics", "seminars", "cities"]


@pytest.fixture
def site(db):
    """One live item of each kind (with its files and children), and for each kind a draft
    and a scheduled item; an initiative under a draft area. Returns the live items by kind."""
    area = make_category(number=1, slug="safety", title_en="Safety", title_ja="安全・安心")
    hidden_area = make_category(number=2, slug="hidden-area", title_en="Hidden area", status=Status.DRAFT)
    make_category(number=3, slug="scheduled-area", title_en="Scheduled area", publish_at=future())

    video = make_video(
        slug="film", title_en="A film", url="https://www.youtube.com/watch?v=abcdefghijk", duration=30
    )
    video.categories.add(area, hidden_area)
    make_video(slug="draft-film", title_en="Draft film", status=Status.DRAFT)
    make_video(slug="scheduled-film", title_en="Scheduled film", publish_at=future())

    initiative = make_initiative(
        category=area, number=1, slug="poles", title_en="Utility poles", title_ja="無電柱化"
    )
    make_document(initiative, language="en")
    make_document(initiative, language="ja")
    initiative.video_links.create(video=video, order=1)
    make_initiative(
        category=area, number=2, slug="draft-initiative", title_en="Draft initiative", status=Status.DRAFT
    )
    make_initiative(
        category=area, number=3, slug="scheduled-initiative", title_en="Scheduled", publish_at=future()
    )
    make_initiative(category=hidden_area, number=4, slug="under-hidden-area", title_en="Under a hidden area")

    publication = make_publication(slug="booklet", title_en="A booklet", title_fr="Un livret")
    edition = make_edition(publication, note_en="Reprinted edition")
    make_file(edition, language="en")
    make_file(edition, language="fr")
    make_publication(slug="draft-booklet", title_en="Draft booklet", status=Status.DRAFT)
    make_publication(slug="scheduled-booklet", title_en="Scheduled booklet", publish_at=future())

    infographic = make_infographic(slug="chart", title_en="A chart", category=hidden_area)
    # The hidden charts need no picture (making its renditions takes most of this fixture's time).
    make_infographic_row(slug="draft-chart", title_en="Draft chart", status=Status.DRAFT)
    make_infographic_row(slug="scheduled-chart", title_en="Scheduled chart", publish_at=future())

    seminar = make_seminar(
        slug="seminar-2021", title_en="The 6th seminar", start_date=datetime.date(2021, 11, 24)
    )
    make_session(
        seminar, start=japan(2021, 11, 24, 10), end=japan(2021, 11, 24, 12, 35), name="Morning session"
    )
    make_programme_item(seminar, text="Video message by the Governor")
    make_photo(seminar)
    city = make_city(
        slug="seoul", name_en="Seoul", name_ko="서울", latitude="37.56000", longitude="126.97000"
    )
    hidden_city = make_city(slug="hidden-city", name_en="Hidden city", status=Status.DRAFT)
    take_part(seminar, city)
    take_part(seminar, hidden_city)
    make_seminar(slug="draft-seminar", title_en="Draft seminar", status=Status.DRAFT)
    make_seminar(slug="scheduled-seminar", title_en="Scheduled seminar", publish_at=future())
    make_city(slug="scheduled-city", name_en="Scheduled city", publish_at=future())

    return {
        "categories": area,
        "initiatives": initiative,
        "videos": video,
        "publications": publication,
        "infographics": infographic,
        "seminars": seminar,
        "cities": city,
    }
