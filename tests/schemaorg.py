"""schema.org's vocabulary, as far as the portal uses it, and a validator of JSON-LD by it.

`tests/schemaorg.json` is a small extract of schema.org's own vocabulary file
(`data/releases/30.0/schemaorg-current-https.jsonld` in github.com/schemaorg/schemaorg,
1.5 MB): the types the portal's pages use, their ancestors, every property those types
may carry with the types it expects, the data types, and the members of the
enumerations the pages name. To extract it again from a newer release:

    python -m tests.schemaorg path/to/schemaorg-current-https.jsonld > tests/schemaorg.json

`problems(data)` checks a page's JSON-LD against it: a known `@type` on every node,
only properties that exist on that type (or its ancestors), nested nodes of a type the
property expects, text only where a data type is expected, enumeration members that
exist. It returns the problems found, an empty list when there are none.
"""

import json
import sys
from pathlib import Path

SCHEMA = "https://schema.org/"
FACTS = Path(__file__).with_name("schemaorg.json")

# The types the portal's JSON-LD uses (their ancestors come with them).
USED_TYPES = [
    "WebSite",
    "WebPage",
    "CollectionPage",
    "BreadcrumbList",
    "ListItem",
    "GovernmentOrganization",
    "Organization",
    "Event",
    "Place",
    "VirtualLocation",
    "DigitalDocument",
    "Book",
    "MediaObject",
    "VideoObject",
    "ImageObject",
    "City",
    "State",
    "AdministrativeArea",
    "GeoCoordinates",
]
USED_ENUMERATIONS = ["EventAttendanceModeEnumeration", "EventStatusType", "BookFormatType"]


def _ids(value):
    values = value if isinstance(value, list) else [value] if value else []
    return [item["@id"].removeprefix("schema:") for item in values if item["@id"].startswith("schema:")]


def _types(node):
    kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
    return [kind.removeprefix("schema:") for kind in kinds]


def extract(vocabulary):
    """The facts file's content, from schema.org's JSON-LD vocabulary."""
    graph = json.loads(Path(vocabulary).read_text(encoding="utf-8"))["@graph"]
    classes = {
        node["@id"].removeprefix("schema:"): node
        for node in graph
        if "rdfs:Class" in _types(node) and node["@id"].startswith("schema:")
    }
    parents = {name: _ids(node.get("rdfs:subClassOf")) for name, node in classes.items()}

    def ancestors(name):
        found = []
        for parent in parents.get(name, []):
            if parent in classes and parent not in found:
                found += [parent, *(a for a in ancestors(parent) if a not in found)]
        return found

    # Text, Number, Date... are typed DataType; URL, Integer, Duration... descend from them.
    roots = {name for name, node in classes.items() if "DataType" in _types(node)}
    data_types = sorted(name for name in classes if name in roots or roots & set(ancestors(name)))
    wanted = set(USED_TYPES)
    for name in USED_TYPES:
        wanted.update(ancestors(name))
    properties = {}
    for node in graph:
        if "rdf:Property" not in _types(node) or node.get("schema:supersededBy"):
            continue
        name = node["@id"].removeprefix("schema:")
        domains = set(_ids(node.get("schema:domainIncludes")))
        if domains & wanted:
            properties[name] = {
                "domains": sorted(domains & wanted),
                "ranges": sorted(_ids(node.get("schema:rangeIncludes"))),
            }
    # Types a property expects are needed too (to know their ancestors), but not their properties.
    expected = {r for prop in properties.values() for r in prop["ranges"]} | set(USED_ENUMERATIONS)
    types = {}
    for name in sorted(wanted | {r for r in expected if r in classes}):
        types[name] = {"ancestors": ancestors(name)}
    enumerations = {
        name: sorted(node["@id"].removeprefix("schema:") for node in graph if name in _types(node))
        for name in USED_ENUMERATIONS
    }
    return {
        "source": "github.com/schemaorg/schemaorg data/releases/30.0/schemaorg-current-https.jsonld",
        "used_types": USED_TYPES,
        "data_types": data_types,
        "types": types,
        "properties": properties,
        "enumerations": enumerations,
    }


class Vocabulary:
    def __init__(self, facts=None):
        facts = facts or json.loads(FACTS.read_text(encoding="utf-8"))
        self.types = facts["types"]
        self.used = set(facts["used_types"])
        self.data_types = set(facts["data_types"])
        self.properties = facts["properties"]
        self.enumerations = facts["enumerations"]

    def lineage(self, name):
        return [name, *self.types.get(name, {}).get("ancestors", [])]

    def property_allowed(self, type_name, prop):
        facts = self.properties.get(prop)
        return bool(facts) and bool(set(facts["domains"]) & set(self.lineage(type_name)))

    def is_a(self, type_name, expected):
        return bool(set(self.lineage(type_name)) & set(expected))

    def takes_text(self, expected):
        # Data types are written as text: "PT30S" is a Duration (a Quantity), as schema.org's examples do.
        return bool(set(expected) & self.data_types)

    def members(self, expected):
        return {m for name in expected for m in self.enumerations.get(name, [])}


def _index(data):
    """Nodes with an @id, so a reference ({"@id": ...}) can be checked against what it names."""
    found = {}

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if "@id" in value and "@type" in value:
                found[value["@id"]] = value
            for item in value.values():
                walk(item)

    walk(data)
    return found


def problems(data, vocabulary=None):
    """Problems of one JSON-LD document (a dict with @context, and @graph or a node)."""
    vocabulary = vocabulary or Vocabulary()
    found = []
    if not isinstance(data, dict) or data.get("@context") not in ("https://schema.org", SCHEMA):
        return [f"$: @context is {data.get('@context') if isinstance(data, dict) else data!r}"]
    index = _index(data)
    top = data["@graph"] if "@graph" in data else [{k: v for k, v in data.items() if k != "@context"}]

    def check(value, path, expected):
        if isinstance(value, list):
            for i, item in enumerate(value):
                check(item, f"{path}[{i}]", expected)
            return
        if isinstance(value, dict) and "@value" in value:
            if set(value) - {"@value", "@language"} or not isinstance(value["@value"], str):
                found.append(f"{path}: a literal has {sorted(value)}")
            elif expected and not vocabulary.takes_text(expected):
                found.append(f"{path}: text where {expected} is expected")
            return
        if isinstance(value, dict) and set(value) == {"@id"}:
            target = index.get(value["@id"])
            if target is None:
                found.append(f"{path}: refers to {value['@id']}, which no node has")
            elif expected and not vocabulary.is_a(target["@type"], expected):
                found.append(f"{path}: refers to a {target['@type']} where {expected} is expected")
            return
        if isinstance(value, dict):
            kind = value.get("@type")
            if kind not in vocabulary.used:
                found.append(f"{path}: @type {kind!r} is not one the portal's vocabulary knows")
                return
            if expected and not vocabulary.is_a(kind, expected):
                found.append(f"{path}: a {kind} where {expected} is expected")
            for prop, item in value.items():
                if prop in ("@type", "@id"):
                    continue
                if not vocabulary.property_allowed(kind, prop):
                    found.append(f"{path}: {kind} has no property {prop!r}")
                    continue
                check(item, f"{path}.{prop}", vocabulary.properties[prop]["ranges"])
            return
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            found.append(f"{path}: {value!r} is not JSON-LD")
            return
        if isinstance(value, str) and value.startswith(SCHEMA) and vocabulary.members(expected):
            if value.removeprefix(SCHEMA) not in vocabulary.members(expected):
                found.append(f"{path}: {value} is not a member of {expected}")
            return
        if expected and not vocabulary.takes_text(expected):
            found.append(f"{path}: {value!r} where {expected} is expected")

    for i, node in enumerate(top):
        check(node, f"$[{i}]", None)
    return found


if __name__ == "__main__":
    json.dump(extract(sys.argv[1]), sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")
