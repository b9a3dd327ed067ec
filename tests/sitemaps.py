"""Reading the sitemap as a crawler does: the index, then every page it lists."""

import re
from urllib.parse import urlsplit


def sitemap_xml(client):
    """Every sitemap page the index at /sitemap.xml lists, one after the other."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    pages = []
    for url in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
        parts = urlsplit(url)
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return "\n".join(pages)
