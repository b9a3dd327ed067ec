"""The WSGI application, imported by gunicorn and by runserver.

It refuses to start with an unsafe configuration (core.checks), so no server can
serve the public without a real secret key and named hosts. Page-cache hits are
answered in front of Django's handler (core.page_cache.PageCacheFront); everything
else goes to Django.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legacy_portal.settings")

from django.core.wsgi import get_wsgi_application

from core.checks import refuse_unsafe_configuration
from core.page_cache_front import PageCacheFront

refuse_unsafe_configuration()
application = PageCacheFront(get_wsgi_application())
