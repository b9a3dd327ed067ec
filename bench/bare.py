"""The yardstick of bin/bench: Django with one view and no middleware, no database.

Served by the same gunicorn settings as the site, it measures what the server and
Django's request handling cost by themselves; the portal's pages are measured as a
share of its requests per second, so the machine's speed and load cancel out.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-not-a-secret",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
)

# About the size of a small page, so the transfer is not free either.
BODY = b"<!doctype html><title>Bare</title><p>" + b"x" * 12000


def bare(request, anything=""):
    return HttpResponse(BODY)


urlpatterns = [path("", bare), path("<path:anything>", bare)]

application = get_wsgi_application()
