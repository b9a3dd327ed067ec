from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """The open data: the read-only API at /api/v1/ (JSON, CSV, the OpenAPI schema, the DCAT
    catalogue) and its page at /<lang>/open-data/.

    Above the content apps, as `feeds` is: it imports their `opendata.py` (each app's
    datasets), none imports it.
    """

    name = "opendata"
    verbose_name = _("Open data")
