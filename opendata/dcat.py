"""The DCAT catalogue of the open data (JSON-LD), so that an open-data portal (a city's
CKAN, the national catalogue) can harvest the datasets: a dcat:Catalog with one
dcat:Dataset per kind, each with two dcat:Distributions (JSON, CSV), the publisher,
the licence, titles and descriptions in every language, and when each last changed.

Vocabularies: DCAT 2 (W3C), Dublin Core terms, FOAF; media types by their IANA
addresses and formats by the EU's file-type authority list, as DCAT-AP recommends.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core import organisation
from core.opendata import LANGUAGE_CODES, LICENCE_URL, moment
from opendata.datasets import DATASETS

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FORMATS = {
    "json": ("application/json", "http://publications.europa.eu/resource/authority/file-type/JSON"),
    "csv": ("text/csv", "http://publications.europa.eu/resource/authority/file-type/CSV"),
}
TITLE = _("Tokyo 2020 Legacy Portal open data")
DESCRIPTION = _(
    "The content of the Tokyo 2020 Legacy Portal as open data: the legacy areas, initiatives, videos, "
    "publications, infographics, seminars and partner cities and regions, in five languages."
)


def literals(text):
    """A text in every language of the portal, as JSON-LD language-tagged literals."""
    values = []
    for code in LANGUAGE_CODES:
        with override(code):
            values.append({"@value": str(text), "@language": code})
    return values


def date_time(value):
    return {"@value": moment(value), "@type": "xsd:dateTime"} if value else None


def publisher():
    return {
        "@id": organisation.website("en"),
        "@type": "foaf:Organization",
        "foaf:name": literals(organisation.NAME),
        "foaf:homepage": {"@id": organisation.website("en")},
    }


def distribution(request, dataset, kind):
    media_type, file_type = FORMATS[kind]
    url = request.build_absolute_uri(reverse(f"api:{dataset.name}-{'list' if kind == 'json' else 'csv'}"))
    return {
        "@id": f"{url}#distribution",
        "@type": "dcat:Distribution",
        "dct:title": f"{dataset.name} ({kind.upper()})",
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media_type}"},
        "dct:format": {"@id": file_type},
        "dct:license": {"@id": LICENCE_URL},
    }


def latest_changes():
    """Each dataset's latest change among its live items (one aggregate query a dataset)."""
    return {
        dataset.name: dataset.model.objects.live().aggregate(latest=Max("updated_at"))["latest"]
        for dataset in DATASETS
    }


def catalogue(request):
    absolute = request.build_absolute_uri
    with override("en"):
        page = absolute(reverse("opendata:page"))
    changes = latest_changes()
    publisher_node = publisher()
    datasets = []
    for dataset in DATASETS:
        url = absolute(reverse(f"api:{dataset.name}-list"))
        node = {
            "@id": url,
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.name,
            "dct:title": literals(dataset.title),
            "dct:description": literals(dataset.description),
            "dct:publisher": {"@id": publisher_node["@id"]},
            "dct:license": {"@id": LICENCE_URL},
            "dct:language": [
                {"@id": f"http://id.loc.gov/vocabulary/iso639-1/{code[:2]}"} for code in LANGUAGE_CODES
            ],
            "dcat:landingPage": {"@id": page},
            "dcat:distribution": [
                distribution(request, dataset, "json"),
                distribution(request, dataset, "csv"),
            ],
        }
        if changes[dataset.name]:
            node["dct:modified"] = date_time(changes[dataset.name])
        datasets.append(node)
    latest = max(filter(None, changes.values()), default=None)
    catalog = {
        "@context": CONTEXT,
        "@id": absolute(reverse("api:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": literals(TITLE),
        "dct:description": literals(DESCRIPTION),
        "dct:publisher": publisher_node,
        "dct:license": {"@id": LICENCE_URL},
        "foaf:homepage": {"@id": page},
        "dcat:service": {
            "@id": absolute(reverse("api:index")),
            "@type": "dcat:DataService",
            "dct:title": literals(TITLE),
            "dcat:endpointURL": {"@id": absolute(reverse("api:index"))},
            "dcat:endpointDescription": {"@id": absolute(reverse("api:openapi-json"))},
            "dcat:servesDataset": [{"@id": node["@id"]} for node in datasets],
        },
        "dcat:dataset": datasets,
    }
    if latest:
        catalog["dct:modified"] = date_time(latest)
    return catalog
