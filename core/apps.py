from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.backends.signals import connection_created

        from core import (
            checks,  # noqa: F401 (registers the deployment checks)
            page_cache,
            translations,
        )

        page_cache.connect_signals()
        connection_created.connect(translations.register_sqlite_functions)


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site, whose index has the dashboard.

    Named in INSTALLED_APPS instead of "django.contrib.admin". `default = False` keeps
    CoreConfig the configuration that "core" in INSTALLED_APPS picks.
    """

    default = False
    default_site = "core.admin_site.PortalAdminSite"
