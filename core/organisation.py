"""The body that issues the portal's content: named in feeds (each entry's author), in
structured data (schema.org GovernmentOrganization) and in the open data (publisher).

One place, so every machine-readable output names it the same way. The names are
interface strings, translated in the catalogues; 東京都 and 政策企画局外務部 are the
city's own (seed 001).
"""

from django.utils.translation import gettext_lazy as _

NAME = _("Tokyo Metropolitan Government")
OFFICE = _("Office of the Governor for Policy Planning, International Affairs Division")
WEBSITE = {
    "en": "https://www.metro.tokyo.lg.jp/english/",
    "ja": "https://www.metro.tokyo.lg.jp/",
}


def website(language):
    """The city's home page in `language` where it has one, else in English."""
    return WEBSITE.get(language, WEBSITE["en"])
