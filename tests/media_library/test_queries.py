"""Every media page runs the same number of queries with one item as with many."""

import pytest

from initiatives.models import InitiativeVideo
from media_library.models import InfographicArchive
from media_library.models.publications import PublicationKind
from tests.factories import (
    make_category,
    make_edition,
    make_file,
    make_infographic,
    make_initiative,
    make_publication,
    make_video,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def add_videos(n):
    for _ in range(n):
        make_video(featured=True)


def add_publications(n):
    for _ in range(n):
        publication = make_publication()
        for month in (7, 12):
            edition = make_edition(
                publication, published_on=publication.created_at.date().replace(month=month, day=1)
            )
            make_file(edition, language="en")
            make_file(edition, language="fr")


def add_infographics(n):
    for _ in range(n):
        make_infographic(size=(200, 150))


def add_everything(n):
    add_videos(n)
    add_publications(n)
    add_infographics(n)
    card = make_publication(kind=PublicationKind.MESSAGE_CARD)
    make_file(make_edition(card), language="en")
    InfographicArchive.current(build=True)


@pytest.mark.parametrize(
    ("url", "add"),
    [
        ("/en/videos/", add_videos),
        ("/en/publications/", add_publications),
        ("/en/infographics/", add_infographics),
        ("/ja/infographics/", add_infographics),
        ("/en/", add_everything),
    ],
)
def test_list_page_queries_do_not_grow_with_the_items(client, django_assert_num_queries, url, add):
    add(1)
    few = count_queries(client, url)
    add(6)
    with django_assert_num_queries(few):
        assert client.get(url).status_code == 200


def test_video_page_queries_do_not_grow_with_its_initiatives(client, django_assert_num_queries):
    video = make_video()
    category = make_category()
    video.categories.add(category)
    InitiativeVideo.objects.create(initiative=make_initiative(category=category), video=video)
    few = count_queries(client, video.get_absolute_url())
    for _ in range(4):
        other = make_category()
        video.categories.add(other)
        InitiativeVideo.objects.create(initiative=make_initiative(category=other), video=video)
    with django_assert_num_queries(few):
        client.get(video.get_absolute_url())


def test_publication_page_queries_do_not_grow_with_its_editions(client, django_assert_num_queries):
    publication = make_publication()
    make_file(make_edition(publication), language="en")
    few = count_queries(client, publication.get_absolute_url())
    for position in range(1, 6):
        edition = make_edition(publication, position=position)
        for language in ("en", "ja", "fr"):
            make_file(edition, language=language)
    with django_assert_num_queries(few):
        client.get(publication.get_absolute_url())


def test_initiative_page_queries_do_not_grow_with_its_videos(client, initiative, django_assert_num_queries):
    InitiativeVideo.objects.create(initiative=initiative, video=make_video(), order=1)
    few = count_queries(client, initiative.get_absolute_url())
    for order in range(2, 8):
        InitiativeVideo.objects.create(initiative=initiative, video=make_video(), order=order)
    with django_assert_num_queries(few):
        client.get(initiative.get_absolute_url())
