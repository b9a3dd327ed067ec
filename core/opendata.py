"""The open data's ground floor: what every dataset shares (core imports no content app).

Each content app describes its own kinds in its `opendata.py` (a `Dataset` per kind: which
queryset, which record, which CSV columns); the `opendata` app puts them together into
the API at /api/v1/, the DCAT catalogue and the /<lang>/open-data/ page, as `feeds/`
does with the apps' feed sources.

What every record has:
- `content_id`: the item's UUID (Publishable.uuid), stable for ever and never reused;
- every translated text as one object with all five languages, null where empty
  (`{"en": "Safety and Security", "ja": "安全・安心", "fr": ..., "zh-hans": ..., "ko": ...}`);
- `urls`: the item's public page in each language, absolute;
- `first_published_at`, `public_updated_at`, `updated_at` (ISO 8601, UTC);
- `translations`: where each translation comes from (the city's own or the portal's) and
  whether it is behind the English (core.translations);
- files as `FileOut`: the counted download URL, language, media type, size, pages,
  pixel size and the SHA-256 stored when the file was saved (no file is opened here).

Records are built from what the queryset's `for_api()` fetched: a page of any size
costs the same number of queries.
"""

import csv
import datetime
import io
from urllib.parse import quote

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import override
from modeltranslation.utils import build_localized_fieldname
from ninja import Schema
from pydantic import ConfigDict, Field

from core import translations as provenance

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# The licence of the open data: the one Tokyo's own open-data catalogue uses.
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "CC BY 4.0"
# Stands for the slug in a reversed address (slugs are [-a-zA-Z0-9_]+), see LanguageUrls.
PLACEHOLDER = "slug-placeholder-5a7c"


# --- What records are made of ---------------------------------------------------------


class Translated(Schema):
    """One text in every language of the portal; null where that language has none."""

    model_config = ConfigDict(populate_by_name=True)

    en: str | None
    ja: str | None
    fr: str | None
    zh_hans: str | None = Field(alias="zh-hans")
    ko: str | None


class PageUrls(Schema):
    """One address per language of the portal (absolute)."""

    model_config = ConfigDict(populate_by_name=True)

    en: str
    ja: str
    fr: str
    zh_hans: str = Field(alias="zh-hans")
    ko: str


class TranslationInfo(Schema):
    origin: str = Field(
        description="`official`: the city's own text; `portal`: the portal team's translation."
    )
    current: bool = Field(description="False when the English has changed since this translation was made.")


class Reference(Schema):
    """Another item of the open data, by its identifier (and its slug, for reading)."""

    content_id: str = Field(description="The item's UUID: the identifier to look it up by.")
    slug: str


class FileOut(Schema):
    url: str = Field(description="The download address (each download is counted).")
    language: str | None = Field(description="The language of the file's content (null: none in particular).")
    media_type: str = Field(description="The file's media type, read from its content: application/pdf...")
    format: str = Field(description="The format's name: PDF, PNG, JPEG.")
    size: int = Field(description="Size in bytes.")
    pages: int | None = Field(description="Number of pages of a PDF.")
    width: int | None = Field(description="Width in pixels of an image.")
    height: int | None = Field(description="Height in pixels of an image.")
    sha256: str | None = Field(description="SHA-256 of the file's bytes (hexadecimal).")
    sample: bool = Field(
        description="True for a stand-in file made by the portal until the city's original is uploaded."
    )


class ImageOut(Schema):
    url: str
    width: int | None
    height: int | None


class Error(Schema):
    """A problem with a request (the fields of RFC 9457 problem details)."""

    status: int = Field(description="The HTTP status code.")
    title: str = Field(description="What kind of problem it is.")
    detail: str = Field(description="What was wrong, and how to put it right.")
    errors: list[dict[str, str]] = Field(
        default_factory=list, description='Each bad parameter: `{"parameter": ..., "message": ...}`.'
    )


class Page(Schema):
    """A page of a list: the total, where the other pages are, and this page's items."""

    count: int = Field(description="How many live items match, on every page.")
    page: int
    page_size: int
    pages: int = Field(description="How many pages there are at this page size.")
    next: str | None = Field(description="The next page's address, or null.")
    previous: str | None = Field(description="The previous page's address, or null.")


# --- Building records -----------------------------------------------------------------


def texts(obj, field):
    """{"en": ..., "ja": ..., ...} of a translated field, read from the row (no fallback)."""
    values = {}
    for code in LANGUAGE_CODES:
        value = getattr(obj, build_localized_fieldname(field, code), None)
        values[code] = value if value else None
    return values


def translation_info(obj):
    """{"ja": {"title": {"origin": "official", "current": true}}, ...} for the texts each
    language has (core.translations); English, the source, has no entry."""
    info = {}
    for code in provenance.TARGET_LANGUAGES:
        for field in provenance.translated_fields(type(obj)):
            state = provenance.state(obj, field, code)
            if state in (provenance.COMPLETE, provenance.OUTDATED):
                info.setdefault(code, {})[field] = {
                    "origin": provenance.origin(obj, field, code),
                    "current": state == provenance.COMPLETE,
                }
    return info


def moment(value):
    """An aware date-time as ISO 8601 in UTC ("2021-07-08T00:00:00Z"), or None."""
    if value is None:
        return None
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


class LanguageUrls:
    """Each language's address of a page that takes a slug: reversed once per language
    (with a placeholder for the slug), then completed per item, as the sitemap does."""

    def __init__(self, request, url_name, *, slug=True):
        self.templates = {}
        for code in LANGUAGE_CODES:
            with override(code):
                path = reverse(url_name, kwargs={"slug": PLACEHOLDER} if slug else None)
            self.templates[code] = request.build_absolute_uri(path)

    def __call__(self, slug, *, fragment=""):
        slug = quote(slug, safe="")
        return {
            code: template.replace(PLACEHOLDER, slug) + fragment for code, template in self.templates.items()
        }


def common(obj, urls):
    """What every record starts with."""
    return {
        "content_id": str(obj.uuid),
        "slug": obj.slug,
        "urls": urls,
        "first_published_at": moment(obj.first_published_at),
        "public_updated_at": moment(obj.public_updated_at),
        "updated_at": moment(obj.updated_at),
        "translations": translation_info(obj),
    }


def reference(obj):
    return {"content_id": str(obj.uuid), "slug": obj.slug}


def file_record(request, stored_file, url, *, language=None):
    return {
        "url": request.build_absolute_uri(url),
        "language": language,
        "media_type": stored_file.mime_type,
        "format": stored_file.format_label,
        "size": stored_file.size,
        "pages": stored_file.page_count,
        "width": stored_file.width,
        "height": stored_file.height,
        "sha256": stored_file.sha256 or None,
        "sample": stored_file.is_sample,
    }


def image_record(request, image, width, height):
    """An illustration (a cover, a thumbnail, a photo): its address and stored size, or None."""
    if not image:
        return None
    return {"url": request.build_absolute_uri(image.url), "width": width, "height": height}


# --- Datasets ---------------------------------------------------------------------------


class Dataset:
    """One kind of content as open data. Subclasses say:

    - `name`: the address (`/api/v1/<name>`) and the CSV's name; `model`;
    - `title`, `description`: lazy translated strings (the page, the catalogue, the schema);
    - `item_schema`: the pydantic schema of one record;
    - `record(obj, context)`: one item as a dict of that schema;
    - `csv_columns`: the CSV's columns (Column, Texts, Urls);
    - `filters_by_category`: whether `?category=` applies, and `in_category(queryset, category)`.
    """

    name = ""
    model = None
    title = ""
    description = ""
    item_schema = None
    csv_columns = ()
    filters_by_category = False
    detail_url_name = ""

    def live(self):
        """The items the public may see (`live()`: never drafts, scheduled items or items
        under a hidden parent); the filters narrow it, then `records()` fetches a page."""
        return self.model.objects.live()

    def records(self, queryset):
        """What the records need (the model's `for_api()`), in a stable order: the model's
        display order, then the primary key."""
        return queryset.for_api().order_by(*self.model._meta.ordering, "pk")

    def changed_since(self, queryset, since):
        """Items changed (`updated_at`) or gone live (`publish_at`) at or after `since`, so a
        harvester that asks what changed since its last run also gets what a schedule published."""
        return queryset.filter(Q(updated_at__gte=since) | Q(publish_at__gte=since))

    def in_category(self, queryset, category):
        raise NotImplementedError

    def context(self, request):
        """What building records needs once per request (the reversed addresses)."""
        return {"request": request, "urls": LanguageUrls(request, self.detail_url_name)}

    def record(self, obj, context):
        raise NotImplementedError

    def csv_header(self):
        return [name for column in self.csv_columns for name in column.names()]

    def csv_row(self, record):
        return [value for column in self.csv_columns for value in column.values(record)]


# --- CSV --------------------------------------------------------------------------------


class Column:
    """One CSV column: `name` and how to read it from a record (a key, or a function)."""

    def __init__(self, name, read=None):
        self.name = name
        self.read = read or (lambda record: record.get(name))

    def names(self):
        return [self.name]

    def values(self, record):
        return [self.read(record)]


class Texts(Column):
    """A translated text: one column per language (`title_en`, `title_ja`, ... `title_zh-hans`)."""

    def names(self):
        return [f"{self.name}_{code}" for code in LANGUAGE_CODES]

    def values(self, record):
        found = self.read(record) or {}
        return [found.get(code) for code in LANGUAGE_CODES]


def lines(items):
    """Several values in one cell, one a line (a spreadsheet shows them in the cell)."""
    return "\n".join(str(item) for item in items if item not in (None, ""))


# A cell a spreadsheet would run as a formula (CSV injection): OWASP's list of first characters.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """A value as CSV text: None empty, booleans true/false, and text that a spreadsheet
    would take for a formula prefixed with an apostrophe (shown, not run)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return str(value)


def csv_text(header, rows):
    """UTF-8 CSV (RFC 4180, CRLF) with a byte order mark: Excel reads Japanese correctly only
    with it; other spreadsheets and Python's csv module (encoding="utf-8-sig") ignore it."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")
