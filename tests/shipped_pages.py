"""The shipped site's pages, each fetched once per test session (per xdist worker).

Several checks read every page of the content the portal ships with: that no page says
it is not yet available in its language, that every page's JSON-LD is valid, that every
feed links only to pages that answer. Each used to fetch its hundreds of pages itself;
they now ask `shipped_pages`, which fetches a page the first time any of them asks and
keeps the answer. What they check is unchanged: the same pages, rendered by the same
views, from the same rows.

It is only for reading the site exactly as the loader leaves it: a test that changes
content first must fetch with its own client. The fixture makes sure of the first half
(it stands on `legacy_content`, which every test starts from unchanged); the modules that
use it are in the xdist group "shipped-pages", so that one worker fetches each page once.
"""

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.utils import translation

GROUP = pytest.mark.xdist_group("shipped-pages")


@dataclass(frozen=True)
class Page:
    """What the checks read of a response: its status, headers and body."""

    status_code: int
    content: bytes
    headers: dict = field(repr=False)

    def __getitem__(self, name):
        return self.headers[name.lower()]


class ShippedPages:
    """A visitor's GETs of the shipped site, each made once and remembered."""

    def __init__(self):
        self.client = Client()
        self.pages = {}

    def get(self, path):
        if path not in self.pages:
            with translation.override("en"):  # a request under /ja/ activates Japanese
                response = self.client.get(path)
            headers = {name.lower(): value for name, value in response.items()}
            self.pages[path] = Page(response.status_code, response.content, headers)
        return self.pages[path]


_remembered = ShippedPages()


@pytest.fixture
def shipped_pages(legacy_content):
    """The shipped site's pages, fetched once per session (see the module's docstring)."""
    return _remembered
