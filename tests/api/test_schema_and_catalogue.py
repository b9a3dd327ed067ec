"""The OpenAPI schema is valid and describes every list as JSON and CSV; the DCAT
catalogue is JSON-LD that describes a dataset per kind."""

import json

import pytest
import rdflib
from openapi_spec_validator import validate
from rdflib import namespace as ns

from tests.api.conftest import KINDS

pytestmark = pytest.mark.django_db


def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3(client, site):
    document = schema(client)
    validate(document)
    assert document["openapi"].startswith("3.")
    assert document["info"]["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.parametrize("kind", KINDS)
def test_every_list_has_json_and_csv_and_a_detail_in_the_schema(client, site, kind):
    paths = schema(client)["paths"]
    listing = paths[f"/api/v1/{kind}"]["get"]
    assert "application/json" in listing["responses"]["200"]["content"]
    assert {"400", "404"} <= set(listing["responses"])
    assert {p["name"] for p in listing["parameters"]} >= {"page", "page_size", "updated_since"}
    as_csv = paths[f"/api/v1/{kind}.csv"]["get"]
    assert "text/csv" in as_csv["responses"]["200"]["content"]
    one = paths[f"/api/v1/{kind}/{{content_id}}"]["get"]
    assert {"200", "404"} <= set(one["responses"])


def test_the_schema_names_the_live_areas_a_category_filter_takes(client, site):
    (parameter,) = [
        p
        for p in schema(client)["paths"]["/api/v1/initiatives"]["get"]["parameters"]
        if p["name"] == "category"
    ]
    assert parameter["schema"]["enum"] == ["safety", str(site["categories"].uuid)]
    (since,) = [
        p
        for p in schema(client)["paths"]["/api/v1/videos"]["get"]["parameters"]
        if p["name"] == "updated_since"
    ]
    assert since["schema"]["format"] == "date-time"


def test_the_index_links_every_dataset(client, site):
    index = client.get("/api/v1/").json()
    assert [dataset["name"] for dataset in index["datasets"]] == KINDS
    for dataset in index["datasets"]:
        assert client.get(dataset["csv_url"].removeprefix("http://testserver")).status_code == 200
    assert index["documentation"]["ja"] == "http://testserver/ja/open-data/"


def catalogue(client):
    response = client.get("/api/v1/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return response.content.decode()


def test_the_catalogue_is_json_ld_with_a_dataset_per_kind(client, site):
    text = catalogue(client)
    assert json.loads(text)["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    graph = rdflib.Graph().parse(data=text, format="json-ld")
    catalog = rdflib.URIRef("http://testserver/api/v1/catalog.jsonld")
    assert (catalog, ns.RDF.type, ns.DCAT.Catalog) in graph
    datasets = set(graph.objects(catalog, ns.DCAT.dataset))
    assert datasets == {rdflib.URIRef(f"http://testserver/api/v1/{kind}") for kind in KINDS}
    for dataset in datasets:
        assert (dataset, ns.RDF.type, ns.DCAT.Dataset) in graph
        assert (
            dataset,
            ns.DCTERMS.license,
            rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/"),
        ) in graph
        assert graph.value(dataset, ns.DCTERMS.modified) is not None
        assert graph.value(dataset, ns.DCTERMS.publisher) == rdflib.URIRef(
            "https://www.metro.tokyo.lg.jp/english/"
        )
        languages = {title.language for title in graph.objects(dataset, ns.DCTERMS.title)}
        assert languages == {"en", "ja", "fr", "zh-hans", "ko"}
        media_types = set()
        for distribution in graph.objects(dataset, ns.DCAT.distribution):
            download = graph.value(distribution, ns.DCAT.downloadURL)
            assert download is not None and graph.value(distribution, ns.DCAT.accessURL) == download
            media_types.add(str(graph.value(distribution, ns.DCAT.mediaType)).rsplit("/", 2)[-2:][1])
        assert media_types == {"json", "csv"}


def test_the_catalogues_titles_are_translated(client, site):
    graph = rdflib.Graph().parse(data=catalogue(client), format="json-ld")
    titles = {
        title.language: str(title)
        for title in graph.objects(rdflib.URIRef("http://testserver/api/v1/initiatives"), ns.DCTERMS.title)
    }
    assert titles["en"] == "Initiatives" and titles["ja"] == "取組"
    names = {name.language: str(name) for name in graph.objects(None, rdflib.namespace.FOAF.name)}
    assert names["ja"] == "東京都"
