"""Site-wide template context: the language switcher and hreflang alternates."""

from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.translation import get_language, override

from core.i18n import language_name

# OpenGraph wants territory locales; these are the ones the site's readers most expect.
OG_LOCALES = {"en": "en_GB", "ja": "ja_JP", "fr": "fr_FR", "zh-hans": "zh_CN", "ko": "ko_KR"}


def portal(request):
    """Language versions of the current page (for the switcher and `hreflang`).

    Slugs are the same in every language, so `translate_url` finds the same object.
    On a page that does not resolve (a 404), the switcher leads to each language's
    home page and no alternates are declared.
    """
    current = get_language()
    try:
        resolve(request.path_info)
        routed = True
    except Resolver404:
        routed = False
    versions = []
    for code, _name in settings.LANGUAGES:
        if routed:
            # translate_url resolves under the active language, then reverses in `code`.
            url = translate_url(request.get_full_path(), code)
        else:
            with override(code):
                url = reverse("home")
        versions.append(
            {
                "code": code,
                "name_local": language_name(code, native=True),
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    default = next(v for v in versions if v["code"] == settings.LANGUAGE_CODE)
    return {
        "language_versions": versions,
        "alternates_declared": routed,
        "x_default_url": default["absolute_url"],
        "canonical_url": request.build_absolute_uri(request.path),
        "og_locale": OG_LOCALES.get(current, "en_GB"),
        "og_locale_alternates": [OG_LOCALES[v["code"]] for v in versions if v["code"] != current],
    }
