"""Reading a feed as a feed reader does: with feedparser, which must find nothing wrong."""

import feedparser

ATOM = "application/atom+xml; charset=utf-8"


def read_feed(client, url):
    """The parsed feed at `url` (it must answer 200, as Atom, and parse cleanly)."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == ATOM, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    assert parsed.version == "atom10", url
    return parsed


def links(entry, rel):
    return [link for link in entry.links if link.rel == rel]


def local(url):
    """An absolute address of the test server as the test client asks for it."""
    return url.removeprefix("http://testserver")
