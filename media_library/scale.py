"""Generated films and publications for benchmarks (see core.scale)."""

import datetime

from categories.models import Category
from core.scale import PREFIX
from media_library.models import Edition, EditionFile, Publication, Video
from media_library.models.publications import PublicationKind


def generate_videos(writer, count):
    name, width, height = writer.image()
    start = Video.objects.count()
    videos = writer.create(
        Video,
        [
            Video(
                slug=f"{PREFIX}film-{number}",
                **writer.texts("title", "film", number),
                **writer.texts("description", "description of film", number),
                url=f"https://www.youtube.com/watch?v=scale{number:06d}",
                duration=30 + number % 600,
                thumbnail=name,
                thumbnail_width=width,
                thumbnail_height=height,
                position=1000 + number,
                **writer.published(number),
            )
            for number in range(start + 1, start + count + 1)
        ],
    )
    categories = list(Category.objects.order_by("number"))
    if categories:
        link = Video.categories.through
        writer.create(
            link,
            [
                link(video=video, category=categories[index % len(categories)])
                for index, video in enumerate(videos)
            ],
        )


def generate_publications(writer, count):
    name, width, height = writer.image()
    pdf, facts = writer.pdf()
    start = Publication.objects.count()
    publications = writer.create(
        Publication,
        [
            Publication(
                slug=f"{PREFIX}publication-{number}",
                kind=PublicationKind.REPORT,
                **writer.texts("title", "publication", number),
                **writer.texts("summary", "summary of publication", number),
                **writer.texts("cover_alt_text", "cover of publication", number),
                cover=name,
                cover_width=width,
                cover_height=height,
                position=1000 + number,
                **writer.published(number),
            )
            for number in range(start + 1, start + count + 1)
        ],
    )
    editions = writer.create(
        Edition,
        [
            Edition(publication=publication, published_on=datetime.date(2021, 1 + index % 12, 1), position=1)
            for index, publication in enumerate(publications)
        ],
    )
    writer.create(
        EditionFile, [EditionFile(edition=edition, language="en", file=pdf, **facts) for edition in editions]
    )


GENERATORS = {"films": (10_000, generate_videos), "publications": (1_000, generate_publications)}


def remove():
    Publication.objects.filter(slug__startswith=PREFIX).delete()
    Video.objects.filter(slug__startswith=PREFIX).delete()
