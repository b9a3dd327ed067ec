from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    """The Atom feeds put together from the content apps' sources, and their list page.

    Above the content apps: it imports them (each app's `feeds.py`), none imports it.
    """

    name = "feeds"
    verbose_name = _("Feeds")
