"""The WSGI application, imported by gunicorn and by runserver.

It refuses to start with an unsafe configuration (core.checks), so no server can
serve the public without a real secret key and named hosts.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legacy_portal.settings")

from django.core.wsgi import get_wsgi_application

from core.checks import refuse_unsafe_configuration

refuse_unsafe_configuration()
application = get_wsgi_application()
