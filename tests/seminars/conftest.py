"""Fixtures for the seminars' tests: the 6th seminar as its release gives it, and Seoul."""

import pytest

from tests.factories import japan, make_city, make_seminar, make_session


@pytest.fixture
def sixth_seminar(db):
    """The 6th seminar's dates, sessions and declared total, as the press release gives them."""
    seminar = make_seminar(
        slug="global-partners-seminar-2021",
        title_en="The 6th Tokyo Global Partners Seminar",
        edition=6,
        declared_city_total=21,
    )
    make_session(
        seminar, name="Morning session", start=japan(2021, 11, 24, 10), end=japan(2021, 11, 24, 12, 35)
    )
    make_session(
        seminar, name="Evening session", start=japan(2021, 11, 24, 17), end=japan(2021, 11, 24, 19, 25)
    )
    return seminar


@pytest.fixture
def seoul(db):
    return make_city(slug="seoul", name_en="Seoul", name_ja="ソウル", country_en="Republic of Korea")
