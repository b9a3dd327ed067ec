import datetime

import pytest
from icalendar import Calendar

from core.models import Status
from tests.factories import japan, make_seminar, make_session

pytestmark = pytest.mark.django_db

ICS = "/en/seminars/global-partners-seminar-2021/calendar.ics"


def events(response):
    calendar = Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_calendar_is_an_ics_download(client, sixth_seminar):
    response = client.get(ICS)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="global-partners-seminar-2021.ics"'
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")


def test_calendar_has_one_event_per_session_in_utc(client, sixth_seminar):
    found = [(e.decoded("dtstart"), e.decoded("dtend")) for e in events(client.get(ICS))]
    utc = datetime.UTC
    assert found == [
        (
            datetime.datetime(2021, 11, 24, 1, 0, tzinfo=utc),
            datetime.datetime(2021, 11, 24, 3, 35, tzinfo=utc),
        ),
        (
            datetime.datetime(2021, 11, 24, 8, 0, tzinfo=utc),
            datetime.datetime(2021, 11, 24, 10, 25, tzinfo=utc),
        ),
    ]
    assert b"DTSTART:20211124T010000Z" in client.get(ICS).content


def test_calendar_events_carry_the_seminar_title_and_page_url(client, sixth_seminar):
    calendar = Calendar.from_ical(client.get(ICS).content)
    assert str(calendar["prodid"]) and str(calendar["version"]) == "2.0"
    morning = calendar.walk("VEVENT")[0]
    assert str(morning["summary"]) == "The 6th Tokyo Global Partners Seminar – Morning session"
    assert str(morning["url"]) == "http://testserver/en/seminars/global-partners-seminar-2021/"
    assert morning.decoded("dtstamp").tzinfo is not None


def test_calendar_uids_are_stable_between_downloads_and_unique(client, sixth_seminar):
    first = [str(e["uid"]) for e in events(client.get(ICS))]
    second = [str(e["uid"]) for e in events(client.get(ICS))]
    assert first == second
    assert len(set(first)) == 2


def test_calendar_uids_do_not_depend_on_the_host_language_or_slug(client, sixth_seminar):
    before = [str(e["uid"]) for e in events(client.get(ICS))]
    in_japanese = [
        str(e["uid"]) for e in events(client.get(ICS.replace("/en/", "/ja/"), HTTP_HOST="localhost"))
    ]
    sixth_seminar.slug = "renamed"
    sixth_seminar.save()
    renamed = [str(e["uid"]) for e in events(client.get("/en/seminars/renamed/calendar.ics"))]
    assert before == in_japanese == renamed


def test_calendar_of_a_session_across_the_date_line_is_in_utc(client):
    seminar = make_seminar(slug="dateline", start_date=datetime.date(2021, 11, 25))
    make_session(seminar, start=japan(2021, 11, 25, 8), end=japan(2021, 11, 25, 9, 30))
    (event,) = events(client.get("/en/seminars/dateline/calendar.ics"))
    assert event.decoded("dtstart") == datetime.datetime(2021, 11, 24, 23, 0, tzinfo=datetime.UTC)


def test_seminar_without_sessions_is_one_all_day_event(client):
    make_seminar(slug="s2018", start_date=datetime.date(2018, 2, 7), end_date=datetime.date(2018, 2, 9))
    (event,) = events(client.get("/en/seminars/s2018/calendar.ics"))
    assert event.decoded("dtstart") == datetime.date(2018, 2, 7)
    # DTEND of an all-day event is exclusive: the day after the last day.
    assert event.decoded("dtend") == datetime.date(2018, 2, 10)


def test_calendar_of_a_draft_seminar_is_404_for_visitors(client):
    seminar = make_seminar(slug="secret", status=Status.DRAFT)
    make_session(seminar, start=japan(2021, 11, 24, 10), end=japan(2021, 11, 24, 11))
    assert client.get("/en/seminars/secret/calendar.ics").status_code == 404


def test_calendar_of_a_draft_seminar_is_not_cached_for_staff(client, editor):
    make_seminar(slug="secret", status=Status.DRAFT)
    client.force_login(editor)
    response = client.get("/en/seminars/secret/calendar.ics")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_calendar_refuses_other_methods(client, sixth_seminar):
    assert client.post(ICS).status_code == 405
