"""Every public page runs a fixed number of SQL queries, whatever the amount of content.

The one style of query-count test in this suite: build a site with one of everything,
count each page's queries, add several more of everything (more items in every list,
more relations on every detail page), and the count must not move. Each page also has
a budget, the most it may run, so that a new query shows up as a change in this file.
"""

import datetime
import itertools

import pytest

from media_library.models import InfographicArchive
from media_library.models.publications import PublicationKind
from tests.factories import (
    japan,
    make_category,
    make_city,
    make_document,
    make_edition,
    make_file,
    make_infographic,
    make_initiative,
    make_photo,
    make_programme_item,
    make_publication,
    make_seminar,
    make_session,
    make_video,
    take_part,
)
from tests.queries import assert_counts_hold

pytestmark = pytest.mark.django_db

_round = itertools.count(1)

# The most queries each page may run (see the module docstring).
BUDGET = {
    "/en/": 10,
    "/en/categories/": 2,
    "/en/categories/fixed/": 2,
    "/en/initiatives/": 3,
    "/en/initiatives/?category=fixed": 4,
    "/en/initiatives/fixed-initiative/": 3,
    "/en/videos/": 2,
    "/en/videos/fixed-video/": 3,
    "/en/publications/": 4,
    "/en/publications/fixed-publication/": 4,  # + the initiatives a case study describes
    "/en/infographics/": 4,
    "/en/seminars/": 2,
    "/en/seminars/fixed-seminar/": 5,
    "/en/cities/": 2,
    "/en/cities/fixed-city/": 3,  # + releases that name only some of their partners
    "/ja/": 10,
    "/ja/infographics/": 4,
    # Search: the counts of every kind, then the page (a UNION of the kinds), whatever
    # matches; "summary" is in the areas', initiatives' and seminars' texts.
    "/en/search/?q=summary": 2,
    "/en/search/?q=summary&type=initiative": 2,
    "/ja/search/?q=summary": 2,
    "/en/open-data/": 0,  # addresses and figures from the settings, no content
    "/en/feeds/": 1,
    "/en/feeds/all/": 10,
    "/en/feeds/categories/fixed/": 5,
    "/api/v1/initiatives": 4,
    "/api/v1/videos": 3,
    "/api/v1/publications": 4,
    "/api/v1/seminars": 6,
    "/api/v1/cities": 3,
    "/api/v1/infographics": 2,
    "/api/v1/categories": 2,
    "/api/v1/initiatives.csv": 3,
}


def add_content(fixed):
    """One more of everything, related to the `fixed` objects every page is about."""
    n = next(_round)
    category = make_category()  # at most 9 exist: the fixed one and one per round (4 rounds)
    initiative = make_initiative(category=fixed["category"], number=100 + n)
    make_document(initiative, language="en")
    video = make_video(featured=True)
    video.categories.add(category)
    fixed["initiative"].video_links.create(video=video, order=n)
    fixed["video"].initiative_links.create(initiative=initiative, order=1)
    fixed["video"].categories.add(category)
    publication = make_publication()
    for month in (7, 12):
        edition = make_edition(publication, published_on=datetime.date(2020, month, 1))
        make_file(edition, language="en")
        make_file(edition, language="fr")
    edition = make_edition(fixed["publication"], position=n, published_on=datetime.date(2019, 1, 1))
    make_file(edition, language="ja")
    make_infographic(size=(200, 150))
    seminar = make_seminar(start_date=datetime.date(2019, 1, n))
    city = make_city()
    take_part(seminar, city)
    take_part(seminar, fixed["city"])
    take_part(fixed["seminar"], city)
    make_session(fixed["seminar"], start=japan(2021, 11, 24, n), end=japan(2021, 11, 24, n, 30))
    make_programme_item(fixed["seminar"], text=f"Item {n}", order=n)
    make_photo(fixed["seminar"], order=n)
    InfographicArchive.current(build=True)


@pytest.fixture
def site():
    category = make_category(slug="fixed")
    card = make_publication(kind=PublicationKind.MESSAGE_CARD)
    make_file(make_edition(card), language="en")
    fixed = {
        "category": category,
        "initiative": make_initiative(category=category, slug="fixed-initiative", number=99),
        "video": make_video(slug="fixed-video"),
        "publication": make_publication(slug="fixed-publication"),
        "seminar": make_seminar(slug="fixed-seminar"),
        "city": make_city(slug="fixed-city"),
    }
    add_content(fixed)
    return fixed


def test_every_public_page_runs_the_same_queries_with_more_content(client, site):
    assert_counts_hold(client, BUDGET, lambda: add_content(site))
