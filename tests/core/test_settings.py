"""The settings module refuses unsafe production configurations, with a clear message."""

import os
import subprocess
import sys

from django.conf import settings

BASE_ENV = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "legacy_portal.settings"}


def run(args, **env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**BASE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def serve(**env):
    """Import the WSGI application, as gunicorn does when it starts."""
    return run(["-c", "import legacy_portal.wsgi"], **env)


def test_debug_off_without_secret_key_refuses_to_start():
    result = serve(DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_off_without_allowed_hosts_refuses_to_start():
    result = serve(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_runserver_with_debug_off_and_no_secret_key_refuses_to_start():
    result = run(
        ["manage.py", "runserver", "--noreload"], DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="localhost"
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_management_commands_that_do_not_serve_run_without_a_secret_key():
    result = run(["manage.py", "makemigrations", "--check", "--dry-run"], DJANGO_DEBUG="false")
    assert result.returncode == 0, result.stderr


def test_deploy_check_fails_without_a_secret_key_or_allowed_hosts():
    result = run(["manage.py", "check", "--deploy"], DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "portal.E001" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_deploy_check_fails_with_debug_on_and_a_production_database():
    result = run(
        ["manage.py", "check", "--deploy"],
        DJANGO_DEBUG="true",
        DATABASE_URL="postgres://u@db.example:5432/portal",
    )
    assert result.returncode != 0
    assert "portal.E002" in result.stderr


def test_deploy_check_passes_a_safe_configuration():
    result = run(
        ["manage.py", "check", "--deploy"],
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stderr


def test_a_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "django_key"
    key_file.write_text("f" * 60 + "\n")
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    result = run(
        ["-c", f"import legacy_portal.wsgi; {code}"],
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY_FILE=str(key_file),
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "f" * 60


def test_an_unreadable_secret_file_is_a_clear_error(tmp_path):
    result = serve(DJANGO_DEBUG="false", DJANGO_SECRET_KEY_FILE=str(tmp_path / "missing"))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY_FILE names" in result.stderr


def test_the_asgi_application_refuses_an_unsafe_configuration_too():
    result = run(
        ["-c", "import legacy_portal.asgi"], DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="example.org"
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_off_with_a_weak_secret_key_refuses_to_start():
    result = serve(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_a_boolean_that_is_neither_true_nor_false_is_an_error():
    result = run(["manage.py", "check"], DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_debug_off_with_a_safe_configuration_starts():
    result = serve(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="k" * 60, DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgresql():
    code = "from legacy_portal import settings as s; print(s.DATABASES['default']['ENGINE'])"
    result = run(["-c", code], DJANGO_DEBUG="true", DATABASE_URL="postgres://u@db.example:5432/portal")
    assert result.stdout.strip() == "django.db.backends.postgresql"


def proxy_count(**env):
    code = "from legacy_portal import settings as s; print(s.PROXY_COUNT)"
    return run(["-c", code], DJANGO_DEBUG="true", **env)


def test_the_proxy_count_applies_only_behind_a_proxy():
    assert proxy_count().stdout.strip() == "0"
    assert proxy_count(DJANGO_PROXY_COUNT="2").stdout.strip() == "0"
    assert proxy_count(DJANGO_BEHIND_PROXY="true").stdout.strip() == "1"
    assert proxy_count(DJANGO_BEHIND_PROXY="true", DJANGO_PROXY_COUNT="2").stdout.strip() == "2"


def test_a_negative_proxy_count_is_an_error():
    result = proxy_count(DJANGO_BEHIND_PROXY="true", DJANGO_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "DJANGO_PROXY_COUNT must be 0 or more" in result.stderr
