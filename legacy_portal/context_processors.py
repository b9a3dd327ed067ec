"""Site-wide template context: the language switcher and hreflang alternates."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.translation import get_language, override

from core.i18n import language_name

# OpenGraph wants territory locales; these are the ones the site's readers most expect.
OG_LOCALES = {"en": "en_GB", "ja": "ja_JP", "fr": "fr_FR", "zh-hans": "zh_CN", "ko": "ko_KR"}


def portal(request):
    """Language versions of the current page (for the switcher and `hreflang`).

    Slugs are the same in every language, so `translate_url` finds the same object.
    On a page that does not resolve, and on error pages (see the switcher template),
    the switcher leads to each language's home page and no alternates are declared.
    """
    current = get_language()
    try:
        resolve(request.path_info)
        routed = True
    except Resolver404:
        routed = False
    try:
        request.get_host()
        absolute = request.build_absolute_uri
    except DisallowedHost:
        # The 400 page for a request to a host this site is not: no absolute address.
        routed = False

        def absolute(location=None):
            return location or request.path

    versions = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            home_url = reverse("home")
        # translate_url resolves under the active language, then reverses in `code`.
        url = translate_url(request.get_full_path(), code) if routed else home_url
        versions.append(
            {
                "code": code,
                "name_local": language_name(code, native=True),
                "url": url,
                "home_url": home_url,
                "absolute_url": absolute(url),
                "is_current": code == current,
            }
        )
    # x-default is the address without a language prefix: it redirects each visitor
    # by Accept-Language (as / does), which is what Django's i18n sitemap declares too.
    full_path = request.get_full_path()
    prefix = f"/{current}/"
    neutral = "/" + full_path[len(prefix) :] if full_path.startswith(prefix) else "/"
    return {
        "language_versions": versions,
        "alternates_declared": routed,
        "x_default_url": absolute(neutral),
        "canonical_url": absolute(request.path),
        "og_locale": OG_LOCALES.get(current, "en_GB"),
        "og_locale_alternates": [OG_LOCALES[v["code"]] for v in versions if v["code"] != current],
    }
