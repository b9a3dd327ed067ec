"""The ASGI application. Like wsgi.py, it refuses to start with an unsafe configuration."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legacy_portal.settings")

from django.core.asgi import get_asgi_application

from core.checks import refuse_unsafe_configuration

refuse_unsafe_configuration()
application = get_asgi_application()
