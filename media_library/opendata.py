"""Videos, publications (with their editions and files) and infographics as open data
(see core.opendata)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from ninja import Schema
from pydantic import Field

from core.opendata import (
    Column,
    Dataset,
    FileOut,
    ImageOut,
    LanguageUrls,
    PageUrls,
    Reference,
    Texts,
    Translated,
    TranslationInfo,
    common,
    file_record,
    image_record,
    lines,
    reference,
    texts,
)
from media_library.models import Infographic, Publication, Video


class Dates(Schema):
    first_published_at: str | None
    public_updated_at: str | None
    updated_at: str
    translations: dict[str, dict[str, TranslationInfo]]


class VideoOut(Dates):
    content_id: str
    slug: str
    title: Translated
    description: Translated
    source: Translated = Field(description="Where the film is published (a channel).")
    transcript: Translated = Field(description="Captions or transcript.")
    video_url: str | None = Field(
        description="The film's address on YouTube or another site (null: unknown)."
    )
    duration: int | None = Field(description="Duration in seconds.")
    thumbnail: ImageOut | None
    categories: list[Reference] = Field(description="Related legacy areas.")
    urls: PageUrls


class EditionOut(Schema):
    note: Translated = Field(description="For example “Reprinted edition”.")
    date: str | None = Field(description="YYYY-MM, or YYYY when only the year is known; null if unknown.")
    medium: str | None = Field(description="printed or online; null when the source does not say.")
    isbn: str | None
    files: list[FileOut] = Field(description="One file per language.")


class PublicationOut(Dates):
    content_id: str
    slug: str
    kind: str = Field(description="booklet, report, case_study or message_card.")
    title: Translated
    summary: Translated
    publisher: Translated = Field(description="The issuing body, when it is not the city government.")
    cover: ImageOut | None
    cover_alt_text: Translated
    editions: list[EditionOut]
    urls: PageUrls


class InfographicOut(Dates):
    content_id: str
    slug: str
    title: Translated
    alt_text: Translated = Field(description="What the image says, for people who cannot see it.")
    description: Translated
    text_version: Translated = Field(description="The infographic's information as text.")
    category: Reference | None
    file: FileOut = Field(description="The original image.")
    urls: PageUrls = Field(description="The infographics page, at this infographic.")


class VideoDataset(Dataset):
    name = "videos"
    model = Video
    title = _("Videos")
    description = _("Films about the legacy: titles, descriptions, durations, addresses and legacy areas.")
    item_schema = VideoOut
    detail_url_name = "media_library:video_detail"
    filters_by_category = True
    csv_columns = (
        Column("content_id"),
        Column("slug"),
        Texts("title"),
        Texts("description"),
        Column("video_url"),
        Column("duration"),
        Column("category_slugs", lambda record: lines(category["slug"] for category in record["categories"])),
        Texts("url", lambda record: record["urls"]),
        Column("first_published_at"),
        Column("public_updated_at"),
        Column("updated_at"),
    )

    def in_category(self, queryset, category):
        return queryset.filter(categories=category)

    def record(self, video, context):
        request = context["request"]
        return {
            **common(video, context["urls"](video.slug)),
            "title": texts(video, "title"),
            "description": texts(video, "description"),
            "source": texts(video, "source"),
            "transcript": texts(video, "transcript"),
            "video_url": video.url or None,
            "duration": video.duration,
            "thumbnail": image_record(
                request, video.thumbnail, video.thumbnail_width, video.thumbnail_height
            ),
            "categories": [reference(category) for category in video.api_categories],
        }


def edition_file_url(stored_file, slug):
    with override(stored_file.language):
        return reverse("media_library:publication_file", kwargs={"slug": slug, "pk": stored_file.pk})


class PublicationDataset(Dataset):
    name = "publications"
    model = Publication
    title = _("Publications")
    description = _(
        "Booklets, reports, the case study and the message card, each with its editions and their "
        "files in each language (format, size, pages, SHA-256)."
    )
    item_schema = PublicationOut
    detail_url_name = "media_library:publication_detail"
    csv_columns = (
        Column("content_id"),
        Column("slug"),
        Column("kind"),
        Texts("title"),
        Texts("summary"),
        Texts("publisher"),
        Column("edition_count", lambda record: len(record["editions"])),
        Column("edition_dates", lambda record: lines(edition["date"] for edition in record["editions"])),
        Column(
            "file_languages",
            lambda record: lines(
                " ".join(f["language"] for f in edition["files"]) for edition in record["editions"]
            ),
        ),
        Column(
            "file_urls",
            lambda record: lines(f["url"] for edition in record["editions"] for f in edition["files"]),
        ),
        Texts("url", lambda record: record["urls"]),
        Column("first_published_at"),
        Column("public_updated_at"),
        Column("updated_at"),
    )

    def record(self, publication, context):
        request = context["request"]
        return {
            **common(publication, context["urls"](publication.slug)),
            "kind": publication.kind,
            "title": texts(publication, "title"),
            "summary": texts(publication, "summary"),
            "publisher": texts(publication, "publisher"),
            "cover": image_record(
                request, publication.cover, publication.cover_width, publication.cover_height
            ),
            "cover_alt_text": texts(publication, "cover_alt_text"),
            "editions": [
                {
                    "note": texts(edition, "note"),
                    "date": edition.date_iso or None,
                    "medium": edition.medium or None,
                    "isbn": edition.isbn or None,
                    "files": [
                        file_record(
                            request,
                            stored_file,
                            edition_file_url(stored_file, publication.slug),
                            language=stored_file.language,
                        )
                        for stored_file in edition.files_in_order
                    ],
                }
                for edition in publication.editions.all()
            ],
        }


class InfographicDataset(Dataset):
    name = "infographics"
    model = Infographic
    title = _("Infographics")
    description = _("The legacy infographics: titles, text alternatives and the original images.")
    item_schema = InfographicOut
    detail_url_name = "media_library:infographic_download"
    filters_by_category = True
    csv_columns = (
        Column("content_id"),
        Column("slug"),
        Texts("title"),
        Texts("alt_text"),
        Texts("description"),
        Column("category_slug", lambda record: (record["category"] or {}).get("slug")),
        Column("file_url", lambda record: record["file"]["url"]),
        Column("file_media_type", lambda record: record["file"]["media_type"]),
        Column("file_size", lambda record: record["file"]["size"]),
        Column("file_width", lambda record: record["file"]["width"]),
        Column("file_height", lambda record: record["file"]["height"]),
        Column("file_sha256", lambda record: record["file"]["sha256"]),
        Texts("url", lambda record: record["urls"]),
        Column("first_published_at"),
        Column("public_updated_at"),
        Column("updated_at"),
    )

    def in_category(self, queryset, category):
        return queryset.filter(category=category)

    def context(self, request):
        # Infographics have no page of their own: the list, at the infographic's anchor.
        pages = LanguageUrls(request, "media_library:infographic_list", slug=False).templates
        return {"request": request, "pages": pages, "downloads": LanguageUrls(request, self.detail_url_name)}

    def record(self, infographic, context):
        request = context["request"]
        urls = {code: f"{url}#{infographic.slug}" for code, url in context["pages"].items()}
        download = context["downloads"](infographic.slug)["en"]
        category = infographic.api_category
        return {
            **common(infographic, urls),
            "title": texts(infographic, "title"),
            "alt_text": texts(infographic, "alt_text"),
            "description": texts(infographic, "description"),
            "text_version": texts(infographic, "text_version"),
            "category": reference(category) if category else None,
            "file": file_record(request, infographic, download),
        }


DATASETS = (VideoDataset(), PublicationDataset(), InfographicDataset())
