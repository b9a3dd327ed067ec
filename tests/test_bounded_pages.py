"""No public page grows with the content: lists are paginated, the home page shows the
latest few of each kind, and a detail page lists at most RELATED_LIMIT items of another
kind (saying how many there are)."""

import re

import pytest
from django.core.management import call_command

from core.models import RELATED_LIMIT
from initiatives.models import Initiative, InitiativeVideo
from seminars.models import Participation, Seminar
from tests.factories import (
    make_category,
    make_city,
    make_infographic,
    make_initiative,
    make_publication,
    make_seminar,
    make_video,
)

pytestmark = pytest.mark.django_db

MORE = RELATED_LIMIT + 10


def numbers_blurred(html):
    """The page with every number replaced: "30 initiatives" and "3030 initiatives" read alike."""
    return re.sub(rb"\d+", b"0", html)


def cards(page, path):
    """How many different items under /en/<path>... the page links to."""
    return len(set(re.findall(rf'href="/en/{path}[^"]*"'.encode(), page.content)))


def scale(initiatives=0, films=0, publications=0, cities=0, seminars=0):
    call_command(
        "generate_scale_content",
        initiatives=initiatives,
        films=films,
        publications=publications,
        cities=cities,
        seminars=seminars,
        verbosity=0,
    )


def test_the_home_page_is_the_same_size_with_30_and_3000_initiatives(client):
    make_category(number=1)
    make_infographic()
    make_publication()
    scale(initiatives=30, films=10, publications=5, cities=5, seminars=5)
    small = client.get("/en/").content
    scale(initiatives=2970)
    assert Initiative.objects.count() == 3000
    large = client.get("/en/").content
    assert len(large) - len(small) <= 8  # the totals' extra digits
    assert numbers_blurred(large) == numbers_blurred(small)


def test_a_category_lists_its_initiatives_a_page_at_a_time(client):
    category = make_category(number=1, slug="safety")
    make_category(number=2, slug="sport")
    scale(initiatives=118)  # shared between the two categories
    mine = Initiative.objects.filter(category=category).count()
    first = client.get("/en/categories/safety/")
    assert first.status_code == 200
    assert cards(first, "initiatives/scale-initiative") == 50
    assert f"Initiatives 1 to 50 of {mine}.".encode() in first.content
    assert b'rel="next"' in first.content
    last_page = (mine + 49) // 50
    last = client.get(f"/en/categories/safety/?page={last_page}")
    assert cards(last, "initiatives/scale-initiative") == mine - 50 * (last_page - 1)
    for bad in (str(last_page + 1), "0", "-1", "abc", "1e3"):
        page = client.get(f"/en/categories/safety/?page={bad}")
        assert page.status_code == 404, bad
        assert b"<main" in page.content  # the site's own page


def test_a_film_lists_the_first_initiatives_and_says_how_many(client):
    video = make_video(slug="film")
    category = make_category(number=1)
    scale(initiatives=MORE)
    for order, initiative in enumerate(Initiative.objects.all()):
        InitiativeVideo.objects.create(initiative=initiative, video=video, order=order)
    page = client.get("/en/videos/film/")
    assert cards(page, "initiatives/scale-initiative") == RELATED_LIMIT
    assert f"The first {RELATED_LIMIT} of {MORE} are listed here.".encode() in page.content
    assert category


def test_an_initiative_lists_the_first_films(client):
    initiative = make_initiative(slug="work")
    for order in range(MORE):
        InitiativeVideo.objects.create(initiative=initiative, video=make_video(), order=order)
    page = client.get("/en/initiatives/work/")
    assert cards(page, "videos/video") == RELATED_LIMIT
    assert f"The first {RELATED_LIMIT} of {MORE} are listed here.".encode() in page.content


def test_a_partner_lists_its_first_seminars(client):
    city = make_city(slug="seoul")
    scale(seminars=MORE)
    Participation.objects.bulk_create(
        Participation(seminar=seminar, city=city) for seminar in Seminar.objects.all()
    )
    page = client.get("/en/cities/seoul/")
    assert cards(page, "seminars/scale-seminar") == RELATED_LIMIT
    assert f"The first {RELATED_LIMIT} of {MORE} are listed here.".encode() in page.content


def test_a_case_study_lists_its_first_initiatives_and_counts_them_all(client):
    study = make_publication(slug="case-study")
    make_category(number=1)
    scale(initiatives=MORE)
    Initiative.objects.update(source_publication=study)
    page = client.get("/en/publications/case-study/")
    assert f"The {MORE} initiatives it describes".encode() in page.content
    assert page.content.count(b'<li value="') == RELATED_LIMIT
    assert f"The first {RELATED_LIMIT} of {MORE} are listed here.".encode() in page.content


def test_every_list_is_paginated(client):
    make_category(number=1)
    scale(initiatives=60, films=60, publications=60, cities=60, seminars=60)
    for url in ("/en/initiatives/", "/en/videos/", "/en/publications/", "/en/cities/", "/en/seminars/"):
        page = client.get(url)
        assert page.status_code == 200 and b'rel="next"' in page.content, url
        assert client.get(f"{url}?page=2").status_code == 200, url
        assert client.get(f"{url}?page=3").status_code == 404, url


def test_a_seminar_is_a_partner_of_its_own_page_only(client):
    """A seminar lists its own partners in full: they are its content, not the site's."""
    seminar = make_seminar(slug="big")
    for _ in range(5):
        Participation.objects.create(seminar=seminar, city=make_city())
    assert client.get("/en/seminars/big/").content.count(b'href="/en/cities/') >= 5
