import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from core.models import Status
from seminars.models import City, Participation, Seminar, Session
from tests.factories import japan, make_city, make_photo, make_seminar, make_session, take_part

pytestmark = pytest.mark.django_db


def test_database_refuses_a_seminar_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_seminar(start_date=datetime.date(2018, 2, 9), end_date=datetime.date(2018, 2, 7))
    assert not Seminar.objects.exists()


def test_a_one_day_seminar_may_end_on_the_day_it_starts():
    seminar = make_seminar(start_date=datetime.date(2021, 11, 24), end_date=datetime.date(2021, 11, 24))
    assert seminar.is_one_day


def test_full_clean_names_the_seminar_date_problem():
    seminar = Seminar(
        slug="backwards",
        series_en="Series",
        title_en="Backwards",
        start_date=datetime.date(2018, 2, 9),
        end_date=datetime.date(2018, 2, 7),
    )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        seminar.full_clean()


def test_database_refuses_a_session_that_ends_before_it_starts():
    seminar = make_seminar()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_session(seminar, start=japan(2021, 11, 24, 12), end=japan(2021, 11, 24, 10))
    assert not Session.objects.exists()


def test_database_refuses_a_city_taking_part_twice_in_one_seminar():
    seminar, city = make_seminar(), make_city()
    take_part(seminar, city)
    with pytest.raises(IntegrityError), transaction.atomic():
        take_part(seminar, city, role=Participation.Role.PARTICIPANT)
    assert Participation.objects.count() == 1


def test_session_times_are_stored_in_utc():
    seminar = make_seminar()
    session = make_session(seminar, start=japan(2021, 11, 24, 10), end=japan(2021, 11, 24, 12, 35))
    session.refresh_from_db()
    assert session.start == datetime.datetime(2021, 11, 24, 1, 0, tzinfo=datetime.UTC)
    assert session.start.utcoffset() == datetime.timedelta(0)
    assert (session.start_in_japan.hour, session.start_in_japan.minute) == (10, 0)
    assert (session.end_utc.hour, session.end_utc.minute) == (3, 35)


def test_a_morning_session_in_japan_is_the_previous_evening_in_utc():
    seminar = make_seminar(start_date=datetime.date(2021, 11, 25))
    session = make_session(seminar, start=japan(2021, 11, 25, 8), end=japan(2021, 11, 25, 9, 30))
    session.refresh_from_db()
    assert session.start_utc == datetime.datetime(2021, 11, 24, 23, 0, tzinfo=datetime.UTC)
    assert session.start_in_japan.date() == datetime.date(2021, 11, 25)
    assert session.start_utc.date() == datetime.date(2021, 11, 24)


def test_declared_total_is_kept_apart_from_the_named_partners():
    seminar = make_seminar(declared_city_total=21)
    take_part(seminar, make_city(slug="paris"))
    take_part(seminar, make_city(slug="toronto"), role=Participation.Role.PARTICIPANT)
    total, presenters, others = seminar.partner_lists()
    assert total == 21
    assert [c.slug for c in presenters] == ["paris"]
    assert [c.slug for c in others] == ["toronto"]


def test_without_a_declared_total_the_named_partners_are_counted():
    seminar = make_seminar(declared_city_total=None)
    for slug in ("a", "b", "c"):
        take_part(seminar, make_city(slug=slug), role=Participation.Role.PARTICIPANT)
    assert seminar.partner_lists()[0] == 3


def test_partner_lists_leave_out_draft_partners():
    seminar = make_seminar(declared_city_total=None)
    take_part(seminar, make_city(slug="live"))
    take_part(seminar, make_city(slug="secret", status=Status.DRAFT))
    seminar = Seminar.objects.for_detail().get(pk=seminar.pk)
    total, presenters, _others = seminar.partner_lists()
    assert [c.slug for c in presenters] == ["live"]
    assert total == 1


def test_city_for_detail_lists_only_live_seminars_newest_first():
    city = make_city()
    old = make_seminar(slug="old", start_date=datetime.date(2018, 2, 7))
    new = make_seminar(slug="new", start_date=datetime.date(2021, 11, 24))
    draft = make_seminar(slug="draft", status=Status.DRAFT)
    for seminar in (old, new, draft):
        take_part(seminar, city)
    city = City.objects.for_detail().get(pk=city.pk)
    assert [p.seminar.slug for p in city.live_participations] == ["new", "old"]


def test_a_partner_that_took_part_cannot_be_deleted():
    seminar, city = make_seminar(), make_city()
    take_part(seminar, city)
    with pytest.raises(ProtectedError):
        city.delete()


def test_phone_number_is_given_in_international_form():
    seminar = make_seminar(contact_phone="03-5388-2238")
    assert seminar.contact_phone_international == "+81 3-5388-2238"
    assert seminar.contact_phone_uri == "tel:+81353882238"


def test_a_phone_number_in_another_form_gets_no_link():
    seminar = make_seminar(contact_phone="+44 20 7946 0000")
    assert seminar.contact_phone_uri == ""


def test_release_languages_refuse_unknown_codes():
    seminar = make_seminar(release_languages=["ja", "xx"])
    with pytest.raises(ValidationError, match="xx"):
        seminar.full_clean()


def test_release_languages_are_named_in_the_active_language_and_in_themselves():
    seminar = make_seminar(release_languages=["ja", "zh", "ko"])
    assert [(code, str(name), native) for code, name, native in seminar.release_language_list] == [
        ("ja", "Japanese", "日本語"),
        ("zh", "Chinese", "中文"),
        ("ko", "Korean", "한국어"),
    ]


def test_photo_requires_alt_text():
    photo = make_photo(make_seminar(), alt="")
    with pytest.raises(ValidationError) as error:
        photo.full_clean()
    assert "alt_text_en" in error.value.message_dict


def test_photo_upload_goes_through_the_shared_image_check():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from seminars.models import SeminarPhoto

    photo = SeminarPhoto(seminar=make_seminar(), alt_text_en="Alt")
    photo.image = SimpleUploadedFile("photo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    with pytest.raises(ValidationError, match="SVG"):
        photo.full_clean()
