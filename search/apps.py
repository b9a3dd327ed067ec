from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_fold(sender, connection, **kwargs):
    """SQLite has no Unicode case folding or accent removal: give it ours (search.text.fold)."""
    if connection.vendor == "sqlite":
        from search.text import fold_document

        connection.connection.create_function("portal_fold", 1, fold_document, deterministic=True)


class SearchConfig(AppConfig):
    """Site search over every kind of live content (search.engine), and its page.

    Above the content apps: it imports them, none imports it.
    """

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        connection_created.connect(_register_sqlite_fold, dispatch_uid="search.portal_fold")
