import pytest
from django.contrib.auth.models import Group, User

from core.models import Status
from seminars.models import Seminar
from tests.factories import make_city, make_photo, make_seminar, take_part

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = ("sessions", "programme_items", "participations", "photos")


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    return client


def seminar_form(**overrides):
    data = {
        "series_en": "Tokyo Global Partners Seminar",
        "title_en": "A new seminar",
        "slug": "a-new-seminar",
        "format": "online",
        "start_date": "2021-11-24",
        "end_date": "2021-11-24",
        "status": Status.PUBLISHED,
    }
    for prefix in INLINE_PREFIXES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "url",
    [
        "/admin/seminars/seminar/",
        "/admin/seminars/seminar/add/",
        "/admin/seminars/city/",
        "/admin/seminars/city/add/",
    ],
)
def test_admin_pages_load(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_seminar_change_page_shows_its_inlines(admin_client):
    seminar = make_seminar()
    take_part(seminar, make_city(slug="seoul", name_en="Seoul"))
    make_photo(seminar)
    html = admin_client.get(f"/admin/seminars/seminar/{seminar.pk}/change/").content.decode()
    for prefix in INLINE_PREFIXES:
        assert f'name="{prefix}-TOTAL_FORMS"' in html
    assert "Seoul" in html
    assert "<img" in html  # the photo's thumbnail


def test_admin_saves_a_valid_seminar(admin_client):
    response = admin_client.post("/admin/seminars/seminar/add/", seminar_form(release_languages=["ja", "ko"]))
    assert response.status_code == 302
    assert Seminar.objects.get(slug="a-new-seminar").release_languages == ["ja", "ko"]


def test_admin_form_refuses_a_seminar_that_ends_before_it_starts(admin_client):
    response = admin_client.post(
        "/admin/seminars/seminar/add/", seminar_form(start_date="2018-02-09", end_date="2018-02-07")
    )
    assert response.status_code == 200
    assert "A seminar cannot end before it starts." in response.content.decode()
    assert not Seminar.objects.exists()


def test_admin_form_refuses_a_session_that_ends_before_it_starts(admin_client):
    data = seminar_form(
        **{
            "sessions-TOTAL_FORMS": "1",
            "sessions-0-order": "1",
            "sessions-0-name_en": "Morning session",
            "sessions-0-start_0": "2021-11-24",
            "sessions-0-start_1": "12:35",
            "sessions-0-end_0": "2021-11-24",
            "sessions-0-end_1": "10:00",
        }
    )
    response = admin_client.post("/admin/seminars/seminar/add/", data)
    assert response.status_code == 200
    assert "A session cannot end before it starts." in response.content.decode()
    assert not Seminar.objects.exists()


def test_admin_takes_session_times_in_japan_time(admin_client):
    data = seminar_form(
        **{
            "sessions-TOTAL_FORMS": "1",
            "sessions-0-order": "1",
            "sessions-0-name_en": "Morning session",
            "sessions-0-start_0": "2021-11-24",
            "sessions-0-start_1": "10:00",
            "sessions-0-end_0": "2021-11-24",
            "sessions-0-end_1": "12:35",
        }
    )
    assert admin_client.post("/admin/seminars/seminar/add/", data).status_code == 302
    session = Seminar.objects.get().sessions.get()
    assert session.start_utc.isoformat() == "2021-11-24T01:00:00+00:00"


def test_admin_refuses_the_same_partner_twice(admin_client):
    city = make_city()
    data = seminar_form(
        **{
            "participations-TOTAL_FORMS": "2",
            "participations-0-city": str(city.pk),
            "participations-0-role": "presenter",
            "participations-1-city": str(city.pk),
            "participations-1-role": "participant",
        }
    )
    response = admin_client.post("/admin/seminars/seminar/add/", data)
    assert response.status_code == 200
    assert not Seminar.objects.exists()


def test_city_autocomplete_finds_partners_by_name_in_any_language(admin_client):
    make_city(slug="seoul", name_en="Seoul", name_ja="ソウル")
    make_city(slug="paris", name_en="Paris")
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "seminars", "model_name": "participation", "field_name": "city", "term": "ソウル"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Seoul"]


def test_editor_cannot_publish_a_seminar(client):
    editor = User.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    response = client.post("/admin/seminars/seminar/add/", seminar_form())
    assert response.status_code == 302
    assert Seminar.objects.get().status == Status.DRAFT


def test_groups_hold_the_seminar_permissions():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True))
    assert {"add_seminar", "change_seminar", "change_city", "add_session", "delete_seminarphoto"} <= editor
    assert "publish_seminar" not in editor and "publish_city" not in editor
    assert {"publish_seminar", "publish_city", "delete_seminar"} <= publisher
