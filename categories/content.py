"""Loads the nine legacy categories from content/categories.yaml."""

from categories.models import Category
from core.content import translations
from core.models import Status


def load(loader):
    for item in loader.read("categories.yaml"):
        loader.upsert(
            Category,
            lookup={"number": item["number"]},
            values={
                "slug": item["slug"],
                "colour": item["colour"],
                "status": Status.PUBLISHED,
                **translations("title", item["title"]),
                **translations("summary", item.get("summary")),
            },
            official=item.get("official"),
        )
