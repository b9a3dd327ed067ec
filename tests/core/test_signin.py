"""Login throttling (django-axes): 5 wrong passwords lock one account from one address."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from core.signin import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
LOCKED_MESSAGE = "Too many wrong passwords: this account cannot sign in from your address"


@pytest.fixture
def staff(db):
    return User.objects.create_user("clerk", password="right-password", is_staff=True)


def sign_in(client, username, password, address="198.51.100.10", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address, **headers
    )


def fail(client, username, times, address="198.51.100.10"):
    for _ in range(times):
        sign_in(client, username, "wrong", address)


def test_four_wrong_passwords_still_let_the_right_one_in(client, staff):
    fail(client, "clerk", 4)
    response = sign_in(client, "clerk", "right-password")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, staff):
    fail(client, "clerk", 5)
    response = sign_in(client, "clerk", "right-password")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_says_why_and_for_how_long_in_the_admin_design(client, staff):
    fail(client, "clerk", 5)
    response = sign_in(client, "clerk", "right-password")
    body = response.content.decode()
    assert response.status_code == 429
    assert f"{LOCKED_MESSAGE} for 30 more minutes." in body
    assert "An administrator can unlock it sooner." in body
    assert "Legacy Portal administration" in body  # the admin's header
    assert 'class="errornote"' in body
    assert 1740 < int(response["Retry-After"]) <= 1800
    assert response["Cache-Control"] == "private, no-store"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_lockout_page_speaks_the_visitors_language(client, staff):
    fail(client, "clerk", 5)
    response = sign_in(client, "clerk", "right-password", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 429
    assert '<html lang="ja"' in response.content.decode()
    assert "パスワード" in response.content.decode()


def test_another_account_from_the_same_address_is_not_locked(client, staff):
    User.objects.create_user("colleague", password="her-password", is_staff=True)
    fail(client, "clerk", 6)
    response = sign_in(client, "colleague", "her-password")
    assert response.status_code == 302


def test_the_same_account_from_another_address_is_not_locked(client, staff):
    fail(client, "clerk", 6, address="198.51.100.10")
    assert sign_in(client, "clerk", "right-password", address="203.0.113.5").status_code == 302


def test_refused_attempts_do_not_extend_the_lockout(client, staff):
    fail(client, "clerk", 5)
    locked_at = AccessAttempt.objects.get(username="clerk").attempt_time
    fail(client, "clerk", 3)
    attempt = AccessAttempt.objects.get(username="clerk")
    assert (attempt.attempt_time, attempt.failures_since_start) == (locked_at, 5)


def test_the_lockout_ends_after_30_minutes(client, staff):
    fail(client, "clerk", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=29))
    assert sign_in(client, "clerk", "right-password").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=30, seconds=1))
    assert sign_in(client, "clerk", "right-password").status_code == 302


def test_a_superuser_unlocks_an_account_with_the_reset_command(client, staff):
    fail(client, "clerk", 5)
    call_command("axes_reset_username", "clerk", verbosity=0)
    assert sign_in(client, "clerk", "right-password").status_code == 302


def test_a_superuser_unlocks_an_account_in_the_admin(client, staff):
    fail(client, "clerk", 5)
    attempt = AccessAttempt.objects.get(username="clerk")
    admin = User.objects.create_superuser("boss", password="boss-password")
    client.force_login(admin)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "clerk" in listing.content.decode()
    response = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client.logout()
    assert sign_in(client, "clerk", "right-password").status_code == 302


def test_editors_do_not_see_the_lockouts(editor_client):
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_a_proxy_the_address_is_the_connection_and_x_forwarded_for_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request_from("198.51.100.10", "203.0.113.99")) == "198.51.100.10"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # A visitor's own X-Forwarded-For is kept on the left by the proxy: never trusted.
        (1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        (2, "1.2.3.4, 203.0.113.7, 192.0.2.50", "203.0.113.7"),
        # Not through every proxy, or a malformed entry: the nearest known machine.
        (2, "203.0.113.7", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_behind_proxies_the_address_is_the_one_the_proxies_wrote(settings, count, forwarded, expected):
    settings.PROXY_COUNT = count
    assert client_ip(request_from("10.0.0.2", forwarded)) == expected


def test_behind_a_proxy_visitors_are_locked_out_one_by_one(client, staff, settings):
    settings.PROXY_COUNT = 1

    def through_proxy(password, forwarded):
        return sign_in(client, "clerk", password, address="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    for _ in range(5):
        through_proxy("wrong", "203.0.113.7")
    assert through_proxy("right-password", "203.0.113.7").status_code == 429
    # A forged X-Forwarded-For stays on the left of what the proxy appends: still locked.
    assert through_proxy("right-password", "192.0.2.1, 203.0.113.7").status_code == 429
    # Another visitor through the same proxy is not locked.
    assert through_proxy("right-password", "198.51.100.3").status_code == 302
