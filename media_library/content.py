"""Loads the media library from content/media.yaml: videos, publications, infographics.

Every binary file is a generated stand-in that names what it stands for. The one
video address in the seeds (a YouTube link in the TOKYO UPDATES newsletter, seed 001)
is its own entry, because the newsletter does not say which video it is; no other
video has an address, and none is invented. See the notes at the top of media.yaml.

Initiatives link to these videos (initiatives.content, which loads after this).
"""

import datetime
import unicodedata

from core.content import translations
from core.i18n import language_name
from core.models import Status
from core.standins import standin_image, standin_pdf
from media_library.models import Edition, EditionFile, Infographic, InfographicArchive, Publication, Video
from media_library.models.publications import DatePrecision, PublicationKind

BRAND = "#0b3a6e"
PUNCTUATION = str.maketrans(
    {"【": "[", "】": "] ", "①": "1", "「": "", "」": "", "–": "-", "—": "-", "’": "'", "“": '"', "”": '"'}
)


def _latin(text):
    """The stand-ins' built-in font has ASCII glyphs only: "Après – ①" -> "Apres - 1"."""
    text = unicodedata.normalize("NFKD", text.translate(PUNCTUATION))
    return text.encode("ascii", "ignore").decode().strip()


def _published(value):
    """ "2021-07" -> (1 July 2021, month); 2016 -> (1 January 2016, year); None -> (None, month)."""
    if value is None:
        return None, DatePrecision.MONTH
    if isinstance(value, int):
        return datetime.date(value, 1, 1), DatePrecision.YEAR
    year, month = (int(part) for part in str(value).split("-"))
    return datetime.date(year, month, 1), DatePrecision.MONTH


def _edition_label(published, precision, note):
    when = (
        "" if published is None else published.strftime("%Y" if precision == DatePrecision.YEAR else "%B %Y")
    )
    return ", ".join(part for part in (note, when and f"published {when}") if part)


def load_videos(loader, data):
    source = data.get("related_video_source")
    for position, item in enumerate(data["videos"], 1):
        video = loader.upsert(
            Video,
            lookup={"slug": item["slug"]},
            values={
                "url": item.get("url", ""),
                "duration": item.get("duration"),
                "featured": item.get("featured", False),
                "position": position,
                "status": Status.PUBLISHED,
                **translations("title", item["title"]),
                **translations("description", item.get("description")),
                **translations("source", item.get("source", source)),
            },
            official=item.get("official"),
        )
        loader.fill_file(
            video,
            field="thumbnail",
            filename=f"{video.slug}.png",
            make_content=lambda v=video: standin_image(
                _latin(v.title_en),
                ["Video thumbnail", v.duration_label and f"Duration {v.duration_label}"],
                size=(640, 360),
                accent=BRAND,
            ),
        )


def load_publications(loader, data):
    contact = data.get("accessible_format", {})
    for position, item in enumerate(data["publications"], 1):
        publication = loader.upsert(
            Publication,
            lookup={"slug": item["slug"]},
            values={
                "kind": item["kind"],
                "position": position,
                "status": Status.PUBLISHED,
                **translations("title", item["title"]),
                **translations("summary", item.get("summary")),
                **translations("publisher", item.get("publisher")),
                **translations("cover_alt_text", item.get("cover_alt")),
                **translations("accessible_format_contact", contact.get("contact")),
                "accessible_format_phone": contact.get("phone", ""),
            },
            official=item.get("official"),
        )
        loader.fill_file(
            publication,
            field="cover",
            filename=f"{publication.slug}-cover.png",
            make_content=lambda p=publication: standin_image(
                _latin(p.title_en),
                ["Cover", p.get_kind_display()],
                # A card is landscape; booklets and reports are A4 portrait.
                size=(800, 560) if p.kind == PublicationKind.MESSAGE_CARD else (600, 848),
                accent=BRAND,
            ),
        )
        for number, edition_item in enumerate(item["editions"], 1):
            published, precision = _published(edition_item.get("published"))
            edition = loader.upsert(
                Edition,
                lookup={"publication": publication, "position": number},
                values={
                    "published_on": published,
                    "date_precision": precision,
                    "medium": edition_item.get("medium", ""),
                    **translations("note", edition_item.get("note")),
                },
                official=edition_item.get("official"),
            )
            for file_item in edition_item["files"]:
                _attach_edition_file(loader, publication, edition, file_item, published, precision)


def _attach_edition_file(loader, publication, edition, item, published, precision):
    language = item["language"]
    title = item.get("title") or publication.title_en
    lines = [
        f"{language_name(language)} edition",
        _edition_label(published, precision, edition.note_en),
        _latin(publication.publisher_en),
    ]
    if item.get("image"):
        filename = f"{publication.slug}-{language}.png"
        make = lambda: standin_image(_latin(title), [*lines, "Message card (image)"], accent=BRAND)  # noqa: E731
    else:
        filename = f"{publication.slug}-{language}.pdf"
        make = lambda: standin_pdf(_latin(title), lines, pages=2, accent=BRAND)  # noqa: E731
    loader.attach_file(
        EditionFile,
        lookup={"edition": edition, "language": language},
        filename=filename,
        make_content=make,
        values={
            "title": item.get("title", ""),
            "source_url": item.get("source_url", ""),
            "alt_text": item.get("alt", ""),
        },
    )


def load_infographics(loader, data):
    for position, item in enumerate(data["infographics"], 1):
        values = {
            "position": position,
            "status": Status.PUBLISHED,
            **translations("title", item["title"]),
            **translations("alt_text", item["alt_text"]),
            **translations("description", item.get("description")),
            **translations("text_version", item.get("text_version")),
        }
        if Infographic.objects.filter(slug=item["slug"]).exists():
            loader.upsert(
                Infographic, lookup={"slug": item["slug"]}, values=values, official=item.get("official")
            )
            continue
        # The original is required, so a new infographic is made with its stand-in image.
        loader.attach_file(
            Infographic,
            lookup={"slug": item["slug"]},
            filename=f"{item['slug']}.png",
            make_content=lambda item=item: standin_image(
                _latin(item["title"]["en"]),
                ["Stand-in for the original infographic"],
                size=(1200, 1700),
                accent=BRAND,
            ),
            values=values,
        )
    if not loader.dry_run:
        # Build the "download all" ZIP now, so the first visitor gets it ready-made.
        InfographicArchive.current(build=True)


def load(loader):
    data = loader.read("media.yaml")
    load_videos(loader, data)
    load_publications(loader, data)
    load_infographics(loader, data)
