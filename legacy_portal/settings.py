"""
Settings for the Legacy Portal, read from environment variables.

Every variable is listed, with its default, in `.env.example`. The defaults suit a
laptop (SQLite file under `var/`, media on the local disk, local-memory cache);
production sets `DJANGO_DEBUG=false` plus a real secret key and host names, and the
module refuses to start without them.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name, default=""):
    """A variable's value; a secret may instead come from a file named by `<NAME>_FILE`.

    `DJANGO_SECRET_KEY_FILE=/run/secrets/django_key` reads the key from that file (as
    Docker and Kubernetes mount secrets), so the secret need not be in the environment.
    """
    raw = os.environ.get(name)
    if raw is None:
        path = os.environ.get(f"{name}_FILE", "").strip()
        if path:
            try:
                raw = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise ImproperlyConfigured(
                    f"{name}_FILE names {path!r}, which cannot be read: {exc}."
                ) from None
    return default if raw is None else raw.strip()


def env_bool(name, default):
    """Read a boolean; a value that is neither true nor false is an error, not False."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")


def unsafe_configuration(*, debug, secret_key, allowed_hosts):
    """What makes this configuration unsafe to serve the public with (empty when it is safe).

    Nothing here stops the settings from loading: management commands (migrate, the
    loader) run on a laptop without a key. Where requests are served, the WSGI and
    ASGI modules refuse to start (core.checks.refuse_unsafe_configuration, which covers
    runserver too), and `check --deploy` fails with these as errors.
    """
    if debug:
        return []
    problems = []
    if not secret_key:
        problems.append("DJANGO_SECRET_KEY is not set (or DJANGO_SECRET_KEY_FILE).")
    elif len(secret_key) < 50 or secret_key.startswith("django-insecure"):
        problems.append("DJANGO_SECRET_KEY is too weak: use 50 or more random characters.")
    if not allowed_hosts:
        problems.append("DJANGO_ALLOWED_HOSTS is not set (comma-separated host names).")
    elif "*" in allowed_hosts:
        problems.append("DJANGO_ALLOWED_HOSTS must name the hosts, not '*'.")
    return problems


UNSAFE_CONFIGURATION = unsafe_configuration(debug=DEBUG, secret_key=SECRET_KEY, allowed_hosts=ALLOWED_HOSTS)
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
else:
    # Lets commands that serve nothing run; serving with it is refused (see above).
    SECRET_KEY = SECRET_KEY or "django-insecure-not-for-serving"

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "core.apps.PortalAdminConfig",  # django.contrib.admin with the dashboard (core.admin_site)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "reversion",
    "csp",
    # Login throttling: counts wrong passwords per account and address (see below).
    "axes",
    # The admin's rich-text editor (its static files and checks; see core.forms).
    "django_prose_editor",
    "core",
    # Content apps; the content loader runs them in this order (initiatives link to videos).
    "categories",
    "media_library",
    "initiatives",
    "seminars",
    # The Atom feeds across content apps, and their list page (above the content apps).
    "feeds",
    # The open data (the API at /api/v1/ and its page), above the content apps too.
    "opendata",
    # Site search over every content app (search.engine), above them too.
    "search",
    # Last: deletes a replaced or deleted file from storage once the change is committed
    # (not the files the site manages itself: infographic renditions and ZIPs).
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    "core.logging.RequestLogMiddleware",
    # Anonymous visitors' pages from the cache; on a hit nothing below runs. The headers
    # of the three below are stored with the page, so a hit has them without running
    # them, in front of Django too (core.page_cache.PageCacheFront, legacy_portal/wsgi.py).
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The API's CORS headers, preflight, HEAD and JSON errors (opendata.middleware).
    "opendata.middleware.OpenDataMiddleware",
    # gzip, or Brotli where the client accepts it, for HTML, XML and JSON.
    "django_http_compression.middleware.HttpCompressionMiddleware",
    # ETag (from the body, when a view gives none) and 304s; outside every middleware
    # that changes the body (the translation note), so the tag is the sent page's.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.ReadOnlySiteMiddleware",
    "core.middleware.TranslationNoteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.PortalCSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    # Turns a refused sign-in into the lockout page (core.signin.lockout_response); inside
    # the header middlewares, so that page gets their headers too.
    "axes.middleware.AxesMiddleware",
    # Last, so that its process_exception sees a view's database trouble first.
    "core.middleware.DatabaseTroubleMiddleware",
]

ROOT_URLCONF = "legacy_portal.urls"
WSGI_APPLICATION = "legacy_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "legacy_portal.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (psycopg 3) in production.
_default_sqlite = VAR_DIR / "db.sqlite3"
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{_default_sqlite}"
if DATABASE_URL.startswith("sqlite"):
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for a web server: write-ahead logging, so page views read while a download
    # is counted; a writer waits at most a few seconds for the lock (then the visitor
    # gets a 503, not a 10-second wait and a 500); IMMEDIATE transactions take the write
    # lock when they start, where the wait applies, rather than failing halfway through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env_int("DATABASE_SQLITE_TIMEOUT", 3),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache when one machine is not enough; local memory otherwise.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            # An unreachable Redis makes pages slower for a moment, not slow for long.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (core.page_cache): how long a page may be kept at most (0: off); it
# is never stale within that time, the content version sees to it. With Redis every
# node shares the pages and the version; without, each process keeps its own pages
# and reads the version from the database.
PORTAL_PAGE_CACHE_SECONDS = env_int("PORTAL_PAGE_CACHE_SECONDS", 3600)
PORTAL_PAGE_CACHE_SHARED = bool(REDIS_URL)
# Public addresses outside the language prefixes that are cached too.
PORTAL_PAGE_CACHE_EXTRA_PREFIXES = ("/sitemap", "/robots.txt", "/api/")
# How long a CDN in front of the site may keep a public page (Cache-Control s-maxage).
PORTAL_CDN_SECONDS = env_int("PORTAL_CDN_SECONDS", 60)

# django-axes first: it refuses a locked-out account before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. English is the default; fallback is requested language -> English -> Japanese.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ja", _("Japanese")),
    ("fr", _("French")),
    ("zh-hans", _("Simplified Chinese")),
    ("ko", _("Korean")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["legacy_portal.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "ja")
MODELTRANSLATION_CUSTOM_FIELDS = ("RichTextField",)
# modeltranslation's tabbed admin would otherwise fetch jQuery (UI) from a CDN; these
# settings (modeltranslation reads them without a prefix) point at our own static files.
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Static files: WhiteNoise serves them, compressed and with hashed names.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Media: the local disk by default; S3-compatible object storage when a bucket is set
# (core.object_storage): a public bucket behind DJANGO_MEDIA_CUSTOM_DOMAIN, whose URLs
# pages link directly, or a private bucket, whose files pages link through the portal's
# /media/ URL, which redirects to a URL signed for DJANGO_MEDIA_URL_EXPIRY seconds.
MEDIA_URL = env_str("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_BUCKET = env_str("DJANGO_MEDIA_BUCKET")
MEDIA_URL_EXPIRY = env_int("DJANGO_MEDIA_URL_EXPIRY", 3600)
if MEDIA_URL_EXPIRY < 60:
    raise ImproperlyConfigured("DJANGO_MEDIA_URL_EXPIRY must be at least 60 seconds.")
if MEDIA_BUCKET:
    _custom_domain = env_str("DJANGO_MEDIA_CUSTOM_DOMAIN")
    _addressing_style = env_str("DJANGO_MEDIA_ADDRESSING_STYLE")
    if _addressing_style not in ("", "auto", "path", "virtual"):
        raise ImproperlyConfigured(
            f"DJANGO_MEDIA_ADDRESSING_STYLE must be auto, path or virtual, not {_addressing_style!r}."
        )
    _default_storage = {
        "BACKEND": "core.object_storage.PortalS3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": env_str("DJANGO_MEDIA_ENDPOINT_URL") or None,
            "region_name": env_str("DJANGO_MEDIA_REGION") or None,
            "addressing_style": _addressing_style or None,
            "custom_domain": _custom_domain or None,
            # Signed URLs for a private bucket only; a custom domain serves a public one.
            "querystring_auth": not _custom_domain,
            "querystring_expire": MEDIA_URL_EXPIRY,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "core.storage.AtomicFileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Where readers ask for an accessible format of a publication, when the publication names
# no email of its own (the sources give the office and its phone number, not an email).
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL")

# Upload limits, enforced by core.validators before anything is stored.
PORTAL_MAX_DOCUMENT_BYTES = env_int("PORTAL_MAX_DOCUMENT_BYTES", 50 * 1024 * 1024)
PORTAL_MAX_IMAGE_BYTES = env_int("PORTAL_MAX_IMAGE_BYTES", 20 * 1024 * 1024)
# 25 megapixels: a 6144 × 4096 photo. Decoding one takes about 100 MB of memory at most
# (RGBA); JPEGs are checked and resized in reduced size (see core.validators, renditions).
PORTAL_MAX_IMAGE_PIXELS = env_int("PORTAL_MAX_IMAGE_PIXELS", 25_000_000)
# Items per sitemap page (core.sitemaps). Each item gives one <url> per language, and a
# sitemap may hold 50,000 URLs: at most 10,000 items with five languages.
PORTAL_SITEMAP_PAGE_SIZE = env_int("PORTAL_SITEMAP_PAGE_SIZE", 5000)
_most_items = 50_000 // len(LANGUAGES)
if not 1 <= PORTAL_SITEMAP_PAGE_SIZE <= _most_items:
    raise ImproperlyConfigured(
        f"PORTAL_SITEMAP_PAGE_SIZE must be between 1 and {_most_items} (50,000 URLs a sitemap, "
        f"one per language for each item), not {PORTAL_SITEMAP_PAGE_SIZE}."
    )

# Files above this size are streamed to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# HTTPS. On by default with debug off; the local run command turns it off because it
# serves plain HTTP on 127.0.0.1.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# A load balancer's health probe speaks plain HTTP to the server; a redirect reads as a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
# How many proxies in front of the site append to X-Forwarded-For (a load balancer: 1;
# a CDN in front of it: 2). The visitor's address is that many entries from the right;
# entries further left are whatever the visitor sent, and are never trusted.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 1) if BEHIND_PROXY else 0
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_PROXY_COUNT must be 0 or more.")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Staff sessions end after a working day without a request: every request saves the
# session, so the 8 hours count from the last one. Visitors have no session (public
# pages store nothing in it), so neither setting gives them a cookie.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

LOGIN_URL = "admin:login"

# Login throttling (django-axes, database handler). After 5 wrong passwords for one
# account from one address, that account is refused from that address, even with the
# right password, for 30 minutes after the fifth (attempts during the lockout do not
# extend it); other accounts and other addresses are not affected. A right password
# before the limit clears the count. A superuser unlocks an account in the admin
# ("Access attempts": delete the row) or with `manage.py axes_reset_username <name>`.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_VERBOSE = False  # no start-up line on every command; log lines name only the lock's parameters
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "core.signin.lockout_response"
# The visitor's address: REMOTE_ADDR, or behind the proxy the X-Forwarded-For entry
# that the proxy itself wrote (core.signin.client_ip). Axes' own AXES_IPWARE_* settings
# would need django-ipware and trust the left-most entry, which a visitor can forge.
AXES_CLIENT_IP_CALLABLE = "core.signin.client_ip"

# Content-Security-Policy (django-csp). Public pages load nothing from another host but
# uploaded media (when it is served from its own host: an absolute MEDIA_URL here, the
# bucket's origin added per response by core.middleware.PortalCSPMiddleware) and, after
# a click, the YouTube no-cookie player; no inline script or style anywhere. The admin allows inline styles
# (its widgets set them) and nothing else more. Violations are reported to /csp-report/.
MEDIA_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if urlsplit(MEDIA_URL).netloc else ""
_IMG_SRC = [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])]
_CSP_COMMON = {
    "default-src": [SELF],
    "img-src": _IMG_SRC,
    "script-src": [SELF],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "report-uri": "/csp-report/",
    "report-to": "csp",
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_CSP_COMMON, "style-src": [SELF], "frame-src": ["https://www.youtube-nocookie.com"]}
}
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_CSP_COMMON, "style-src": [SELF, UNSAFE_INLINE], "frame-src": [NONE]}
}

# One line per request (portal.request) and per problem, each with the request's id
# (core.logging). DJANGO_LOG_FORMAT=json writes one JSON object per line.
LOG_FORMAT = env_str("DJANGO_LOG_FORMAT", "plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.logging.RequestIdFilter"},
        "not_a_bug": {"()": "core.logging.NotABugFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
        "console_not_a_bug": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "not_a_bug"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # The request line says what each 4xx was; Django's own lines would repeat it.
        "django.request": {"level": "ERROR"},
        # A request for a host this site is not (a scanner, a misrouted proxy): one line.
        "django.security.DisallowedHost": {
            "handlers": ["console_not_a_bug"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}
