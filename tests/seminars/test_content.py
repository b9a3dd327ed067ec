"""The seminars and partners that the loader adds from content/seminars.yaml."""

import datetime
import re

import pytest
from icalendar import Calendar

from core.content import ContentLoader
from seminars import content
from seminars.models import City, Participation, Seminar, SeminarPhoto

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content")]

SIXTH = "global-partners-seminar-2021"
FIRST = "global-partners-seminar-2018"
PRESENTERS_2021 = [
    "Amsterdam", "Bangkok", "Beijing", "Durban", "Jakarta", "Los Angeles", "Paris",
    "Queensland", "Rio de Janeiro", "Seoul", "Shanghai", "Taipei", "Ulaanbaatar",
]  # fmt: skip
PARTNERS_2018 = [
    "Amsterdam", "Bangkok", "Berlin", "Brussels", "Hong Kong", "Moscow", "New South Wales",
    "Queensland", "Rotterdam", "Seoul", "Shanghai", "Taipei", "Toronto", "Ulaanbaatar",
]  # fmt: skip


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


def test_sixth_seminar_has_its_release_facts():
    seminar = Seminar.objects.get(slug=SIXTH)
    assert seminar.edition == 6
    assert seminar.format == "online"
    assert seminar.start_date == seminar.end_date == datetime.date(2021, 11, 24)
    assert seminar.declared_city_total == 21
    assert seminar.theme.startswith("Strengthening Cooperation between Cities")
    assert seminar.issuing_office == "Office of the Governor for Policy Planning"
    assert seminar.release_date == datetime.date(2021, 12, 15)
    assert seminar.release_languages == ["ja", "zh", "ko"]
    assert seminar.contact_phone == "03-5388-2238"
    assert seminar.contact_division == "International Affairs Division"
    assert seminar.programme_items.count() == 3


def test_sixth_seminar_names_13_presenters():
    seminar = Seminar.objects.get(slug=SIXTH)
    presenters = seminar.participations.filter(role=Participation.Role.PRESENTER)
    assert sorted(p.city.name for p in presenters) == PRESENTERS_2021
    assert seminar.participations.count() == 13


def test_sixth_seminar_sessions_are_stored_in_utc():
    sessions = Seminar.objects.get(slug=SIXTH).sessions.all()
    assert [(s.start_utc.isoformat(), s.end_utc.isoformat()) for s in sessions] == [
        ("2021-11-24T01:00:00+00:00", "2021-11-24T03:35:00+00:00"),
        ("2021-11-24T08:00:00+00:00", "2021-11-24T10:25:00+00:00"),
    ]


def test_2018_seminar_is_three_days_in_person_with_14_partners():
    seminar = Seminar.objects.get(slug=FIRST)
    assert seminar.edition is None
    assert seminar.format == "in_person"
    assert (seminar.start_date, seminar.end_date) == (datetime.date(2018, 2, 7), datetime.date(2018, 2, 9))
    assert sorted(p.city.name for p in seminar.participations.all()) == PARTNERS_2018


def test_every_partner_has_a_country_and_states_are_not_cities():
    assert City.objects.count() == 20
    assert not City.objects.filter(country_en="").exists()
    assert set(City.objects.filter(kind=City.Kind.STATE).values_list("slug", flat=True)) == {
        "new-south-wales",
        "queensland",
    }
    assert City.objects.get(slug="queensland").country == "Australia"


def test_partner_names_exist_in_all_five_languages():
    seoul = City.objects.get(slug="seoul")
    assert (seoul.name_ja, seoul.name_fr, seoul.name_zh_hans, seoul.name_ko) == (
        "ソウル",
        "Séoul",
        "首尔",
        "서울",
    )


def test_stand_in_photos_have_alt_text_and_say_what_they_are():
    photos = SeminarPhoto.objects.all()
    assert photos.count() == 4
    for photo in photos:
        assert photo.alt_text_en.startswith("Sample image standing in for")
        assert photo.width and photo.height
        with photo.image.open("rb") as image:
            assert image.read(8) == b"\x89PNG\r\n\x1a\n"


def test_loading_twice_changes_nothing():
    again = ContentLoader()
    content.load(again)
    assert {outcome for (_model, outcome), n in again.counts.items() if n} == {"unchanged"}


def test_sixth_seminar_page_after_loading(client):
    text = text_of(client.get(f"/en/seminars/{SIXTH}/"))
    assert "21 partner cities and regions took part; 13 presented:" in text
    for name in PRESENTERS_2021:
        assert name in text
    assert "10:00–12:35 JST" in text
    assert "17:00–19:25 JST" in text


def test_2018_seminar_page_lists_14_partners(client):
    response = client.get(f"/en/seminars/{FIRST}/")
    assert "14 partner cities and regions took part:" in text_of(response)
    assert len(re.findall(r'href="/en/cities/[a-z-]+/"', response.content.decode())) == 14


def test_sixth_seminar_calendar_after_loading(client):
    calendar = Calendar.from_ical(client.get(f"/en/seminars/{SIXTH}/calendar.ics").content)
    times = [(e.decoded("dtstart"), e.decoded("dtend")) for e in calendar.walk("VEVENT")]
    utc = datetime.UTC
    assert times == [
        (
            datetime.datetime(2021, 11, 24, 1, 0, tzinfo=utc),
            datetime.datetime(2021, 11, 24, 3, 35, tzinfo=utc),
        ),
        (
            datetime.datetime(2021, 11, 24, 8, 0, tzinfo=utc),
            datetime.datetime(2021, 11, 24, 10, 25, tzinfo=utc),
        ),
    ]


def test_seoul_page_lists_both_seminars(client):
    text = text_of(client.get("/en/cities/seoul/"))
    assert "The 6th Tokyo Global Partners Seminar" in text
    assert "Tokyo Global Partners Seminar 2018" in text
    assert "Role: Presenter" in text and "Role: Participant" in text


def test_a_partner_not_named_in_a_partial_release_is_not_said_to_have_missed_it(client):
    text = text_of(client.get("/en/cities/berlin/"))
    assert "Seminars whose press releases name it" in text
    assert "names 13 of its 21 participating partners, and not this one" in text
    seoul = text_of(client.get("/en/cities/seoul/"))
    assert "and not this one" not in seoul
    cards = text_of(client.get("/en/cities/"))
    assert "Took part in" not in cards
    assert "Named in the release of 1 seminar" in cards


def test_the_sixth_seminar_says_its_release_names_only_some_partners(client):
    text = text_of(client.get(f"/en/seminars/{SIXTH}/"))
    assert "The press release names 13 of them; it does not name the others." in text


def test_the_2018_seminar_keeps_a_staff_note_on_its_inferred_year(admin_client, client):
    seminar = Seminar.objects.get(slug=FIRST)
    assert "The year 2018 is inferred" in seminar.date_note
    admin_page = admin_client.get(f"/admin/seminars/seminar/{seminar.pk}/change/").content.decode()
    assert "The year 2018 is inferred" in admin_page
    assert "inferred" not in client.get(f"/en/seminars/{FIRST}/").content.decode()
