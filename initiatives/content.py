"""Loads the 24 initiatives from content/initiatives.yaml, each with a stand-in PDF,
and links each to its related videos (so it loads after the media library)."""

from django.conf import settings

from categories.models import Category, Colour
from core.content import translations
from core.i18n import language_name
from core.models import Status
from core.standins import standin_pdf
from initiatives.models import Initiative, InitiativeDocument, InitiativeVideo
from media_library.models import Publication, Video

ACCENTS = {
    "red": "#b3261e",
    "blue": "#1d5fa8",
    "orange": "#a34400",
    "pink": "#a3195b",
    "purple": "#6b2f8f",
    "teal": "#00665e",
    "green": "#1e6b2e",
    "indigo": "#3b3f9e",
    "brown": "#6d4c2f",
}
assert set(ACCENTS) == set(Colour.values)


def _as_text(value):
    return value if isinstance(value, dict) else {settings.LANGUAGE_CODE: value}


def load(loader):
    data = loader.read("initiatives.yaml")
    categories = {c.number: c for c in Category.objects.all()}
    source = Publication.objects.filter(slug=data.get("source_publication")).first()
    for item in data["items"]:
        category = categories.get(item["category"])
        initiative = loader.upsert(
            Initiative,
            lookup={"number": item["number"]},
            values={
                "slug": item["slug"],
                "category": category,
                "source_publication": source,
                "as_of": data["as_of"],
                "status": Status.PUBLISHED,
                **translations("title", _as_text(item["title"])),
                **translations("summary", _as_text(item.get("summary"))),
            },
            official=item.get("official"),
        )
        for language in item.get("documents", ["en"]):
            loader.attach_file(
                InitiativeDocument,
                lookup={"initiative": initiative, "language": language},
                filename=f"{initiative.slug}-{language}.pdf",
                make_content=lambda i=initiative, lang=language: standin_pdf(
                    i.title_en,
                    [
                        f"{data['source']}, item {i.number}",
                        f"{language_name(lang, native=False)} edition",
                        f"Information as of {data['as_of']:%d %B %Y}",
                    ],
                    accent=ACCENTS[i.category.colour] if i.category else "#0b3a6e",
                ),
            )
        link_videos(loader, initiative, item.get("videos", ()))


def link_videos(loader, initiative, slugs):
    """Link the initiative to its videos, in order. A new link also relates the video to the
    initiative's category. An order an editor has changed is kept (see ContentLoader.upsert)."""
    videos = Video.objects.in_bulk(slugs, field_name="slug")
    missing = [slug for slug in slugs if slug not in videos]
    if missing:
        raise ValueError(f"Initiative {initiative.number} lists unknown videos: {missing}")
    for order, slug in enumerate(slugs, 1):
        video = videos[slug]
        new = not InitiativeVideo.objects.filter(initiative=initiative, video=video).exists()
        loader.upsert(
            InitiativeVideo, lookup={"initiative": initiative, "video": video}, values={"order": order}
        )
        if new and initiative.category_id:
            video.categories.add(initiative.category_id)
