"""Staff sessions end after 8 hours without a request; visitors get no cookie at all."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

pytestmark = pytest.mark.django_db

EIGHT_HOURS = 8 * 60 * 60


def stored_expiry(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def test_a_staff_session_cookie_lasts_eight_hours(editor_client):
    response = editor_client.get("/admin/")
    assert response.cookies["sessionid"]["max-age"] == EIGHT_HOURS


def test_the_eight_hours_count_from_the_last_request(editor_client):
    editor_client.get("/admin/")
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == EIGHT_HOURS
    left = stored_expiry(editor_client) - timezone.now()
    assert datetime.timedelta(hours=8) - left < datetime.timedelta(minutes=1)


def idle_for(client, **duration):
    """As if the session's last request had been `duration` ago."""
    Session.objects.update(expire_date=stored_expiry(client) - datetime.timedelta(**duration))


def test_a_session_idle_for_less_than_eight_hours_is_still_signed_in(editor_client):
    editor_client.get("/admin/")
    idle_for(editor_client, hours=7, minutes=59)
    assert editor_client.get("/admin/").status_code == 200


def test_a_session_idle_for_more_than_eight_hours_must_sign_in_again(editor_client):
    editor_client.get("/admin/")
    idle_for(editor_client, hours=8, seconds=1)
    response = editor_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("path", ["/en/", "/ja/", "/en/initiatives/"])
def test_the_public_site_sets_no_cookie_for_visitors(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Set-Cookie" not in response
    assert not response.cookies
