"""The initiatives as open data, each with its documents (see core.opendata)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from ninja import Schema
from pydantic import Field

from core.opendata import (
    Column,
    Dataset,
    FileOut,
    PageUrls,
    Reference,
    Texts,
    Translated,
    TranslationInfo,
    common,
    file_record,
    lines,
    reference,
    texts,
)
from initiatives.models import Initiative


class InitiativeOut(Schema):
    content_id: str
    slug: str
    number: int = Field(description="The item's number in the Legacy Reporting Framework case study.")
    title: Translated
    summary: Translated
    body: Translated = Field(description="Rich text as HTML.")
    category: Reference = Field(description="The legacy area (see /api/v1/categories).")
    as_of: str | None = Field(description="The date the information describes (YYYY-MM-DD).")
    source_publication: Reference | None = Field(description="The publication it comes from.")
    videos: list[Reference] = Field(description="Related videos, in order (see /api/v1/videos).")
    documents: list[FileOut] = Field(description="The initiative's document, one file per language.")
    urls: PageUrls
    first_published_at: str | None
    public_updated_at: str | None
    updated_at: str
    translations: dict[str, dict[str, TranslationInfo]]


def document_url(document, slug):
    with override(document.language):
        return reverse("initiatives:document", kwargs={"slug": slug, "language": document.language})


class InitiativeDataset(Dataset):
    name = "initiatives"
    model = Initiative
    title = _("Initiatives")
    description = _(
        "The 24 initiatives of the Legacy Reporting Framework, each with its legacy area, related "
        "videos and its document in each language."
    )
    item_schema = InitiativeOut
    detail_url_name = "initiatives:detail"
    filters_by_category = True
    csv_columns = (
        Column("content_id"),
        Column("slug"),
        Column("number"),
        Texts("title"),
        Texts("summary"),
        Column("category_id", lambda record: record["category"]["content_id"]),
        Column("category_slug", lambda record: record["category"]["slug"]),
        Column("as_of"),
        Column("video_ids", lambda record: lines(video["content_id"] for video in record["videos"])),
        Column("document_urls", lambda record: lines(document["url"] for document in record["documents"])),
        Texts("url", lambda record: record["urls"]),
        Column("first_published_at"),
        Column("public_updated_at"),
        Column("updated_at"),
    )

    def in_category(self, queryset, category):
        return queryset.filter(category=category)

    def record(self, initiative, context):
        request = context["request"]
        return {
            **common(initiative, context["urls"](initiative.slug)),
            "number": initiative.number,
            "title": texts(initiative, "title"),
            "summary": texts(initiative, "summary"),
            "body": texts(initiative, "body"),
            "category": reference(initiative.category),
            "as_of": initiative.as_of.isoformat() if initiative.as_of else None,
            "source_publication": reference(initiative.api_source) if initiative.api_source else None,
            "videos": [reference(link.video) for link in initiative.api_video_links],
            "documents": [
                file_record(
                    request, document, document_url(document, initiative.slug), language=document.language
                )
                for document in initiative.documents.all()
            ],
        }


DATASETS = (InitiativeDataset(),)
