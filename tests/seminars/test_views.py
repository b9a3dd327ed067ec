import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.utils import formats, translation

from core.models import Status
from seminars.models import Participation
from tests.factories import (
    japan,
    make_city,
    make_photo,
    make_programme_item,
    make_seminar,
    make_session,
    take_part,
)

pytestmark = pytest.mark.django_db

DETAIL = "/en/seminars/global-partners-seminar-2021/"


def english_date(year, month, day):
    """A date as the English pages write it (the project's DATE_FORMAT, whatever it is)."""
    with translation.override("en"):
        return formats.date_format(datetime.date(year, month, day), "DATE_FORMAT")


def text_of(response):
    """The page's text without tags or repeated spaces, as a reader sees it."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


# Seminar list


def test_seminar_list_shows_newest_first(client):
    make_seminar(slug="older", title_en="Older seminar", start_date=datetime.date(2018, 2, 7))
    make_seminar(slug="newer", title_en="Newer seminar", start_date=datetime.date(2021, 11, 24))
    html = client.get("/en/seminars/").content.decode()
    assert html.index("Newer seminar") < html.index("Older seminar")


def test_seminar_list_hides_drafts(client):
    make_seminar(title_en="Published seminar")
    make_seminar(title_en="Draft seminar", status=Status.DRAFT)
    html = client.get("/en/seminars/").content.decode()
    assert "Published seminar" in html
    assert "Draft seminar" not in html


def test_seminar_page_names_the_presenters_and_the_declared_total(client, sixth_seminar):
    for slug in ("amsterdam", "queensland"):
        take_part(sixth_seminar, make_city(slug=slug))
    text = text_of(client.get(DETAIL))
    assert "21 partner cities and regions took part; 2 presented:" in text
    assert "Amsterdam" in text and "Queensland" in text


def test_seminar_page_lists_partners_without_a_role_as_taking_part(client):
    seminar = make_seminar(slug="s2018", declared_city_total=None)
    for slug in ("berlin", "toronto"):
        take_part(seminar, make_city(slug=slug), role=Participation.Role.PARTICIPANT)
    text = text_of(client.get("/en/seminars/s2018/"))
    assert "2 partner cities and regions took part:" in text
    assert "presented" not in text


def test_session_times_show_in_japan_time_with_utc_datetime_attributes(client, sixth_seminar):
    response = client.get(DETAIL)
    html = response.content.decode()
    text = text_of(response)
    assert "10:00–12:35 JST" in text
    assert "17:00–19:25 JST" in text
    assert '<time datetime="2021-11-24T01:00:00Z">10:00</time>' in html
    assert '<time datetime="2021-11-24T03:35:00Z">12:35</time>' in html
    assert '<time datetime="2021-11-24T08:00:00Z">17:00</time>' in html
    assert '<time datetime="2021-11-24T10:25:00Z">19:25</time>' in html


def test_a_session_across_the_date_line_shows_its_japanese_date_and_utc_instant(client):
    seminar = make_seminar(slug="dateline", start_date=datetime.date(2021, 11, 25))
    make_session(seminar, name="Early session", start=japan(2021, 11, 25, 8), end=japan(2021, 11, 25, 9, 30))
    response = client.get("/en/seminars/dateline/")
    html = response.content.decode()
    assert '<time datetime="2021-11-24T23:00:00Z">08:00</time>' in html
    assert '<time datetime="2021-11-25T00:30:00Z">09:30</time>' in html
    assert f"{english_date(2021, 11, 25)}, 08:00–09:30 JST" in text_of(response)


def test_a_session_past_midnight_in_japan_names_the_end_date(client):
    seminar = make_seminar(
        slug="late", start_date=datetime.date(2021, 11, 24), end_date=datetime.date(2021, 11, 25)
    )
    make_session(seminar, name="Late session", start=japan(2021, 11, 24, 23), end=japan(2021, 11, 25, 1))
    expected = f"{english_date(2021, 11, 24)}, 23:00–{english_date(2021, 11, 25)}, 01:00 JST"
    assert expected in text_of(client.get("/en/seminars/late/"))


def test_session_dates_are_formatted_for_the_locale(client, sixth_seminar):
    text = text_of(client.get("/ja/seminars/global-partners-seminar-2021/"))
    assert "2021年11月24日" in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", "2021年11月24日 10:00–12:35"),
        ("zh-hans", "2021年11月24日 10:00–12:35"),
        ("ko", "2021년 11월 24일 10:00–12:35"),
        ("fr", "24 novembre 2021, 10:00–12:35"),
    ],
)
def test_a_sessions_date_and_time_are_joined_as_the_language_writes_them(
    client, sixth_seminar, lang, expected
):
    """Japanese, Chinese and Korean put a space between a date and a time, not an ASCII comma."""
    assert expected in text_of(client.get(f"/{lang}/seminars/global-partners-seminar-2021/"))


def test_seminar_page_shows_programme_photos_contact_and_release_languages(client, sixth_seminar):
    make_programme_item(sixth_seminar, text="Video message by Governor Koike")
    make_photo(sixth_seminar, alt="The Governor speaking", caption="The Governor delivering her message")
    sixth_seminar.issuing_office_en = "Office of the Governor for Policy Planning"
    sixth_seminar.release_date = datetime.date(2021, 12, 15)
    sixth_seminar.release_languages = ["ja", "zh", "ko"]
    sixth_seminar.contact_section_en = "Project Section"
    sixth_seminar.contact_phone = "03-5388-2238"
    sixth_seminar.save()
    response = client.get(DETAIL)
    html, text = response.content.decode(), text_of(response)
    assert "<li>Video message by Governor Koike</li>" in html
    assert 'alt="The Governor speaking"' in html
    assert "The Governor delivering her message" in text
    assert "Japanese (日本語)" in text and "Chinese (中文)" in text and "Korean (한국어)" in text
    assert '<span lang="zh">中文</span>' in html
    assert '<a href="tel:+81353882238">03-5388-2238</a>' in html
    assert "Project Section" in text and english_date(2021, 12, 15) in text


def test_alt_text_in_a_fallback_language_carries_its_lang(client, sixth_seminar):
    make_photo(sixth_seminar, alt="The Governor speaking")
    html = client.get("/ja/seminars/global-partners-seminar-2021/").content.decode()
    assert re.search(r'alt="The Governor speaking" lang="en"', html)


def test_seminar_page_is_complete_without_its_script(client, sixth_seminar):
    html = client.get(DETAIL).content.decode()
    assert re.search(r'<script src="/static/js/seminar-times\.js" defer></script>', html)
    assert "<script>" not in html  # nothing inline: the CSP allows only same-origin files
    assert "10:00" in html


def test_draft_seminar_is_404_for_visitors(client):
    make_seminar(slug="secret", status=Status.DRAFT)
    response = client.get("/en/seminars/secret/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_draft_seminar_is_previewed_by_staff_who_may_change_it(client, editor):
    make_seminar(slug="secret", status=Status.DRAFT)
    client.force_login(editor)
    response = client.get("/en/seminars/secret/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "This page is not published" in response.content.decode()


def test_staff_without_change_permission_do_not_see_drafts(client):
    make_seminar(slug="secret", status=Status.DRAFT)
    client.force_login(User.objects.create_user("clerk", password="pw", is_staff=True))
    assert client.get("/en/seminars/secret/").status_code == 404


def test_draft_partner_is_not_named_on_the_seminar_page(client, sixth_seminar):
    take_part(sixth_seminar, make_city(slug="paris", name_en="Paris"))
    take_part(sixth_seminar, make_city(slug="atlantis", name_en="Atlantis", status=Status.DRAFT))
    text = text_of(client.get(DETAIL))
    assert "Paris" in text
    assert "Atlantis" not in text
    assert "1 presented" in text


def test_unknown_seminar_is_404(client):
    assert client.get("/en/seminars/no-such-seminar/").status_code == 404


@pytest.mark.parametrize("language", ["en", "ja", "fr", "zh-hans", "ko"])
def test_seminar_pages_answer_under_every_language_prefix(client, sixth_seminar, seoul, language):
    take_part(sixth_seminar, seoul)
    for path in ("seminars/", "seminars/global-partners-seminar-2021/", "cities/", "cities/seoul/"):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        assert f'<html lang="{language}">' in response.content.decode()


def test_language_switcher_leads_to_the_same_seminar(client, sixth_seminar):
    html = client.get(DETAIL).content.decode()
    assert 'href="/ja/seminars/global-partners-seminar-2021/"' in html
    assert 'hreflang="ko" href="http://testserver/ko/seminars/global-partners-seminar-2021/"' in html


def test_seminar_page_says_when_it_falls_back_to_english(client, sixth_seminar):
    html = client.get("/fr/seminars/global-partners-seminar-2021/").content.decode()
    assert "banner--notice" in html
    assert '<span lang="en">The 6th Tokyo Global Partners Seminar</span>' in html


def _add_rows(seminar, n, start=0):
    for i in range(start, start + n):
        take_part(seminar, make_city(slug=f"partner-{i}"))
        make_programme_item(seminar, text=f"Item {i}", order=i)
        make_session(
            seminar,
            name=f"Session {i}",
            start=japan(2021, 11, 24, 1 + i % 20),
            end=japan(2021, 11, 24, 2 + i % 20),
        )
        make_photo(seminar, order=i)


def test_city_list_shows_live_partners_with_kind_and_country(client):
    make_city(slug="queensland", name_en="Queensland", kind="state", country_en="Australia")
    make_city(slug="atlantis", name_en="Atlantis", status=Status.DRAFT)
    text = text_of(client.get("/en/cities/"))
    assert "Queensland" in text
    assert "State or province · Australia" in text
    assert "Atlantis" not in text


def test_city_list_counts_only_live_seminars(client, seoul):
    take_part(make_seminar(), seoul)
    take_part(make_seminar(status=Status.DRAFT), seoul)
    assert "Named in the release of 1 seminar" in text_of(client.get("/en/cities/"))


def test_city_page_lists_every_live_seminar_with_its_role(client, seoul):
    old = make_seminar(slug="s2018", title_en="Seminar 2018", start_date=datetime.date(2018, 2, 7))
    new = make_seminar(slug="s2021", title_en="Seminar 2021", start_date=datetime.date(2021, 11, 24))
    take_part(old, seoul, role=Participation.Role.PARTICIPANT)
    take_part(new, seoul, role=Participation.Role.PRESENTER)
    text = text_of(client.get("/en/cities/seoul/"))
    assert text.index("Seminar 2021") < text.index("Seminar 2018")
    assert "Role: Presenter" in text and "Role: Participant" in text


def test_city_page_hides_draft_seminars(client, seoul):
    take_part(make_seminar(title_en="Draft seminar", status=Status.DRAFT), seoul)
    text = text_of(client.get("/en/cities/seoul/"))
    assert "Draft seminar" not in text
    assert "No published seminar lists this partner yet." in text


def test_draft_city_is_404_for_visitors(client):
    make_city(slug="atlantis", status=Status.DRAFT)
    assert client.get("/en/cities/atlantis/").status_code == 404


def test_city_page_in_japanese_uses_the_japanese_name(client, seoul):
    html = client.get("/ja/cities/seoul/").content.decode()
    assert "<title>ソウル – " in html
    assert '<h1 class="accent-heading">ソウル</h1>' in html


def test_photos_of_a_draft_seminar_are_not_served(client):
    live = make_photo(make_seminar())
    draft = make_photo(make_seminar(status=Status.DRAFT))
    assert client.get(live.image.url).status_code == 200
    assert client.get(draft.image.url).status_code == 404
