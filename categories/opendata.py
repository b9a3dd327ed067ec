"""The legacy areas as open data (see core.opendata)."""

from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field

from categories.models import Category
from core.opendata import (
    Column,
    Dataset,
    ImageOut,
    PageUrls,
    Texts,
    Translated,
    TranslationInfo,
    common,
    image_record,
    texts,
)


class CategoryOut(Schema):
    content_id: str
    slug: str
    number: int = Field(description="1 to 9: the area's number and display order.")
    title: Translated
    summary: Translated
    body: Translated = Field(description="Rich text as HTML (paragraphs, headings, lists, links).")
    colour: str = Field(description="The area's accent colour on the site.")
    icon: ImageOut | None
    initiative_count: int = Field(description="How many live initiatives the area has.")
    urls: PageUrls
    first_published_at: str | None
    public_updated_at: str | None
    updated_at: str
    translations: dict[str, dict[str, TranslationInfo]]


class CategoryDataset(Dataset):
    name = "categories"
    model = Category
    title = _("Legacy areas")
    description = _(
        "The nine areas of the Tokyo 2020 legacy, with their texts and their number of initiatives."
    )
    item_schema = CategoryOut
    detail_url_name = "categories:detail"
    csv_columns = (
        Column("content_id"),
        Column("slug"),
        Column("number"),
        Texts("title"),
        Texts("summary"),
        Column("colour"),
        Column("initiative_count"),
        Texts("url", lambda record: record["urls"]),
        Column("first_published_at"),
        Column("public_updated_at"),
        Column("updated_at"),
    )

    def record(self, category, context):
        return {
            **common(category, context["urls"](category.slug)),
            "number": category.number,
            "title": texts(category, "title"),
            "summary": texts(category, "summary"),
            "body": texts(category, "body"),
            "colour": category.colour,
            "icon": image_record(
                context["request"], category.icon, category.icon_width, category.icon_height
            ),
            "initiative_count": category.initiative_count,
        }


DATASETS = (CategoryDataset(),)
