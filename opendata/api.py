"""The open-data API at /api/v1/: read-only JSON and CSV of every live item, by kind.

Built with django-ninja: each operation's parameters and responses are typed (pydantic),
so the OpenAPI 3 schema at /api/v1/openapi.json is generated from the same code that
answers, and a client (or schemathesis in CI) can rely on it.

For every dataset (opendata.datasets):
- `GET /api/v1/<kind>`: a page of live items (`page`, `page_size` up to 200), filtered by
  `updated_since` (RFC 3339 date-time: changed or gone live since) and, for initiatives,
  videos and infographics, `category` (a legacy area's slug or UUID); stable order;
- `GET /api/v1/<kind>/<content_id>`: one live item by its UUID (a draft's, a scheduled
  item's, an unknown or a malformed one: 404);
- `GET /api/v1/<kind>.csv`: every live item matching the same filters, one row each.

Bad parameters answer 400 with a JSON body saying which and why (`Error`); CORS, the
preflight, HEAD, other methods (405) and the JSON form of every other error are the
middleware's (opendata.middleware). ETag and 304 come from ConditionalGetMiddleware,
Last-Modified from the page cache (core.page_cache), which keeps API responses like pages.
"""

import contextlib
import json
import math
import re
import uuid
from datetime import UTC, datetime

from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import override
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from pydantic import Field, create_model

from categories.models import Category
from core.opendata import LICENCE_NAME, LICENCE_URL, Error, Page, Translated, csv_text
from opendata.datasets import DATASETS
from opendata.dcat import catalogue

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
# Far beyond any real list, and small enough that no database overflows on the offset.
MAX_PAGE = 100_000
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
# RFC 3339 (the profile of ISO 8601 that OpenAPI's `date-time` means): a full date and
# time with its offset or Z. Anything looser would be a guess about the time zone.
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})")


class UnicodeJSONRenderer(JSONRenderer):
    """JSON as UTF-8 text (日本語, not \\u65e5...): a third of the size for CJK text, readable."""

    json_dumps_params = {"ensure_ascii": False}


class ApiError(Exception):
    """A request the API answers with a JSON error (see Error)."""

    def __init__(self, status, title, detail, errors=()):
        super().__init__(detail)
        self.status, self.title, self.detail, self.errors = status, title, detail, list(errors)


def bad_parameter(parameter, message):
    return ApiError(
        400, "Bad Request", f"{parameter}: {message}", [{"parameter": parameter, "message": message}]
    )


class OpenDataAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Ninja's schema, with what its parameters cannot say: `updated_since` is a date-time,
        and `category` one of the live legacy areas' slugs and UUIDs (one query), so the schema
        tells a client, and schemathesis, which values answer 200 and which 400."""
        schema = super().get_openapi_schema(*args, **kwargs)
        areas = [
            value
            for slug, identifier in Category.objects.live().order_by("number").values_list("slug", "uuid")
            for value in (slug, str(identifier))
        ]
        for operations in schema["paths"].values():
            for operation in operations.values():
                for parameter in operation.get("parameters", ()):
                    if parameter["name"] == "updated_since":
                        parameter["schema"]["format"] = "date-time"
                    elif parameter["name"] == "category" and areas:
                        parameter["schema"]["enum"] = areas
        return schema


api = OpenDataAPI(
    title="Tokyo 2020 Legacy Portal open data",
    version="1",
    description=(
        "Read-only open data of the Tokyo 2020 Legacy Portal: every live legacy area, initiative, video, "
        "publication, infographic, seminar and partner city, with every language's text in one object, "
        "the public pages' addresses and the files' facts (SHA-256 included). Licence: "
        f"{LICENCE_NAME} ({LICENCE_URL}). Identifiers are UUIDs that never change and are never reused. "
        "The same lists are available as CSV (UTF-8 with a byte order mark). "
        "The human documentation is at /en/open-data/, the DCAT catalogue at /api/v1/catalog.jsonld."
    ),
    openapi_url="/openapi.json",
    # Ninja's documentation page loads Swagger UI; the portal loads nothing from elsewhere
    # and has its own page (/<lang>/open-data/).
    docs_url=None,
    urls_namespace="api",
    renderer=UnicodeJSONRenderer(),
    openapi_extra={
        "info": {"license": {"name": LICENCE_NAME, "url": LICENCE_URL}},
    },
)


@api.exception_handler(ApiError)
def api_error(request, error):
    body = {"status": error.status, "title": error.title, "detail": error.detail, "errors": error.errors}
    return api.create_response(request, body, status=error.status)


@api.exception_handler(ValidationError)
def validation_error(request, error):
    """Ninja's 422 for a parameter pydantic refuses becomes a 400 that says which and why;
    a malformed identifier in the path is a 404 (there is nothing at that address)."""
    problems = []
    in_path = False
    for problem in error.errors:
        location = problem.get("loc") or ()
        in_path = in_path or (location and location[0] == "path")
        parameter = str(location[-1]) if location else "request"
        message = str(problem.get("msg", "is not valid")).rstrip(".") + "."
        problems.append({"parameter": parameter, "message": message})
    if in_path:
        return api_error(
            request, ApiError(404, "Not Found", "No live item has this identifier (not a UUID).")
        )
    detail = " ".join(f"{p['parameter']}: {p['message']}" for p in problems)
    return api_error(request, ApiError(400, "Bad Request", detail, problems))


@api.exception_handler(Exception)
def unexpected(request, error):
    # Let Django answer (a database in trouble is a 503, see core.middleware), whatever
    # DEBUG says; opendata.middleware gives the answer its JSON form.
    raise error


# --- Parameters ------------------------------------------------------------------------


def parse_since(value):
    if not DATE_TIME.fullmatch(value):
        raise bad_parameter(
            "updated_since",
            f"“{value[:40]}” is not an RFC 3339 date-time: write it like 2021-07-08T00:00:00Z or "
            "2021-07-08T09:00:00+09:00.",
        )
    try:
        # In UTC, as the database compares it: a moment near year 1 or 9999 with a far
        # offset would fall outside the years a date-time can hold.
        return datetime.fromisoformat(value.upper().replace(" ", "T")).astimezone(UTC)
    except (ValueError, OverflowError):
        raise bad_parameter("updated_since", f"“{value[:40]}” is not a date and time that exists.") from None


def find_category(value):
    """The live legacy area named by `value`, its slug or its UUID (one query)."""
    condition = None
    with contextlib.suppress(ValueError):
        condition = Q(uuid=uuid.UUID(value))
    if SLUG.fullmatch(value):
        condition = Q(slug=value) if condition is None else condition | Q(slug=value)
    category = Category.objects.live().filter(condition).first() if condition is not None else None
    if category is None:
        raise bad_parameter(
            "category",
            f"no live legacy area has the slug or identifier “{value[:100]}”; "
            "the areas are listed at /api/v1/categories.",
        )
    return category


def matching(dataset, *, category=None, updated_since=None):
    """The dataset's live items that the filters keep (a queryset; nothing fetched yet)."""
    queryset = dataset.live()
    if updated_since is not None:
        queryset = dataset.changed_since(queryset, parse_since(updated_since))
    if category is not None:
        queryset = dataset.in_category(queryset, find_category(category))
    return queryset


def page_url(request, number):
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def listing(request, dataset, *, page, page_size, **filters):
    queryset = matching(dataset, **filters)
    count = queryset.count()
    pages = max(1, math.ceil(count / page_size))
    if page > pages:
        raise ApiError(
            404, "Not Found", f"There is no page {page}: there are {pages} at page_size={page_size}."
        )
    start = (page - 1) * page_size
    context = dataset.context(request)
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "next": page_url(request, page + 1) if page < pages else None,
        "previous": page_url(request, page - 1) if page > 1 else None,
        "results": [
            dataset.record(obj, context) for obj in dataset.records(queryset)[start : start + page_size]
        ],
    }


def as_csv(request, dataset, **filters):
    context = dataset.context(request)
    rows = (
        dataset.csv_row(dataset.record(obj, context)) for obj in dataset.records(matching(dataset, **filters))
    )
    response = HttpResponse(csv_text(dataset.csv_header(), rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{dataset.name}.csv"'
    return response


PAGE = Query(1, ge=1, le=MAX_PAGE, description="The page, from 1.")
PAGE_SIZE = Query(
    DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Items a page, 1 to {MAX_PAGE_SIZE}."
)
CATEGORY = Query(
    None,
    min_length=1,
    max_length=100,
    description="Only items of this legacy area: its slug (`urban-development`) or its UUID.",
)
UPDATED_SINCE = Query(
    None,
    description=(
        "Only items changed, or gone live, at or after this moment: an RFC 3339 date-time "
        "(`2021-07-08T00:00:00Z`, `2021-07-08T09:00:00+09:00`)."
    ),
    example="2021-07-08T00:00:00Z",
)
ERRORS = {400: Error, 404: Error}


def csv_responses():
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {
        "responses": {
            200: {
                "description": (
                    "UTF-8 CSV with a byte order mark: one row per item, one column per field and language."
                ),
                "content": {"text/csv": {"schema": {"type": "string"}}},
            },
            400: {"description": "Bad Request", "content": error},
        }
    }


def english(text):
    with override("en"):
        return str(text)


def add_dataset(dataset):
    """The list, the CSV and the detail of one dataset."""
    item = dataset.item_schema
    kind = item.__name__.removesuffix("Out")
    page_schema = create_model(f"{kind}Page", __base__=Page, results=(list[item], Field()))
    name = dataset.name
    noun = english(dataset.model._meta.verbose_name)
    common = {"tags": [name], "by_alias": True}

    if dataset.filters_by_category:

        def list_items(
            request,
            page: int = PAGE,
            page_size: int = PAGE_SIZE,
            category: str = CATEGORY,
            updated_since: str = UPDATED_SINCE,
        ):
            return listing(
                request,
                dataset,
                page=page,
                page_size=page_size,
                category=category,
                updated_since=updated_since,
            )

        def items_csv(request, category: str = CATEGORY, updated_since: str = UPDATED_SINCE):
            return as_csv(request, dataset, category=category, updated_since=updated_since)

    else:

        def list_items(
            request,
            page: int = PAGE,
            page_size: int = PAGE_SIZE,
            updated_since: str = UPDATED_SINCE,
        ):
            return listing(request, dataset, page=page, page_size=page_size, updated_since=updated_since)

        def items_csv(request, updated_since: str = UPDATED_SINCE):
            return as_csv(request, dataset, updated_since=updated_since)

    identifier = Path(..., description=f"The {noun}'s UUID.")

    def get_item(request, content_id: uuid.UUID = identifier):
        obj = dataset.records(dataset.live().filter(uuid=content_id)).first()
        if obj is None:
            raise ApiError(404, "Not Found", f"No live {noun} has the identifier {content_id}.")
        return dataset.record(obj, dataset.context(request))

    title = english(dataset.title)
    api.get(
        f"/{name}",
        response={200: page_schema, **ERRORS},
        operation_id=f"list_{name}",
        summary=f"{title}: a page of live items",
        description=english(dataset.description),
        url_name=f"{name}-list",
        **common,
    )(list_items)
    api.get(
        f"/{name}.csv",
        response={400: Error},
        operation_id=f"list_{name}_csv",
        summary=f"{title} as CSV: every live item",
        openapi_extra=csv_responses(),
        url_name=f"{name}-csv",
        **common,
    )(items_csv)
    api.get(
        f"/{name}/{{content_id}}",
        response={200: item, 404: Error},
        operation_id=f"get_{name}_item",
        summary=f"One live {noun} by its UUID",
        url_name=f"{name}-detail",
        **common,
    )(get_item)


for _dataset in DATASETS:
    add_dataset(_dataset)


# --- The index and the catalogue -----------------------------------------------------------


class DatasetLinks(Schema):
    name: str
    title: Translated
    description: Translated
    json_url: str = Field(description="The list, as JSON.")
    csv_url: str = Field(description="Every item, as CSV.")


class Index(Schema):
    title: str
    licence: dict[str, str]
    documentation: Translated = Field(description="The open-data page in each language.")
    openapi: str
    catalog: str = Field(description="The DCAT catalogue (JSON-LD).")
    datasets: list[DatasetLinks]


def translated(text):
    values = {}
    for code in ("en", "ja", "fr", "zh-hans", "ko"):
        with override(code):
            values[code] = str(text)
    return values


@api.get(
    "/",
    response=Index,
    by_alias=True,
    operation_id="index",
    summary="What the API holds: the datasets, the schema, the catalogue",
    tags=["about"],
    url_name="index",
)
def index(request):
    absolute = request.build_absolute_uri
    documentation = {}
    for code in ("en", "ja", "fr", "zh-hans", "ko"):
        with override(code):
            documentation[code] = absolute(reverse("opendata:page"))
    return {
        "title": api.title,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "documentation": documentation,
        "openapi": absolute(reverse("api:openapi-json")),
        "catalog": absolute(reverse("api:catalog")),
        "datasets": [
            {
                "name": dataset.name,
                "title": translated(dataset.title),
                "description": translated(dataset.description),
                "json_url": absolute(reverse(f"api:{dataset.name}-list")),
                "csv_url": absolute(reverse(f"api:{dataset.name}-csv")),
            }
            for dataset in DATASETS
        ],
    }


@api.get(
    "/catalog.jsonld",
    operation_id="catalog",
    summary="The DCAT catalogue of the datasets (JSON-LD)",
    tags=["about"],
    url_name="catalog",
    openapi_extra={
        "responses": {
            200: {
                "description": (
                    "A dcat:Catalog with one dcat:Dataset per kind, each with its JSON and CSV distributions."
                ),
                "content": {"application/ld+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def catalog(request):
    body = json.dumps(catalogue(request), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")
