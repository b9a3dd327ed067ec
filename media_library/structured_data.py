"""schema.org nodes of film and publication pages (see core.structured_data)."""

from django.utils.translation import override

from core import organisation
from core.structured_data import iso
from media_library.models.videos import NOCOOKIE_EMBED


def video_object(data, video):
    """A film as a VideoObject: Google's required name, thumbnailUrl and uploadDate, with
    its duration (ISO 8601, PT30S) and, for YouTube, the no-cookie player's address."""
    language = data.shown_language(video, "title")
    node = {
        "@type": "VideoObject",
        "@id": data.node_id("video"),
        "name": video.title,
        "url": data.url,
        "inLanguage": language,
    }
    if video.description:
        node["description"] = data.text(video, "description", language)
    if video.thumbnail:
        node["thumbnailUrl"] = data.absolute(video.thumbnail.url)
    # The film's own date is not recorded: the day the portal first published it.
    uploaded = video.first_published_at or video.created_at
    if uploaded:
        node["uploadDate"] = iso(uploaded)
    if video.duration is not None:
        node["duration"] = video.duration_iso
    if video.youtube:
        node["embedUrl"] = f"{NOCOOKIE_EMBED}{video.youtube.id}"
    if video.transcript:
        node["transcript"] = data.text(video, "transcript", language)
    node["publisher"] = data.organisation_ref()
    return node


def _publisher(data, publication):
    """The issuing GovernmentOrganization, or the other body the publication names."""
    with override("en"):
        issuer, ours = publication.publisher, str(organisation.NAME)
    if not issuer or issuer == ours:
        return data.organisation_ref()
    return {"@type": "Organization", "name": data.text(publication, "publisher")}


def _languages(files):
    return list(dict.fromkeys(file.language for file in files))


def publication_work(data, publication):
    """A publication as a Book (when an edition has an ISBN) or a DigitalDocument, with one
    `workExample` per edition (its date, ISBN, note) and one MediaObject per file."""
    editions = list(publication.editions.all())
    kind = "Book" if any(edition.isbn for edition in editions) else "DigitalDocument"
    language = data.shown_language(publication, "title")
    work = {
        "@type": kind,
        "@id": data.node_id("publication"),
        "name": publication.title,
        "url": data.url,
    }
    if publication.summary:
        work["description"] = data.text(publication, "summary", language)
    all_files = [file for edition in editions for file in edition.files_in_order]
    work["inLanguage"] = _languages(all_files) or [language]
    dates = sorted(edition.date_iso for edition in editions if edition.date_iso)
    if dates:
        work["datePublished"] = dates[0]
    if publication.cover:
        work["image"] = data.absolute(publication.cover.url)
    work["publisher"] = _publisher(data, publication)
    examples = []
    for edition in editions:
        files = edition.files_in_order
        example = {"@type": kind}
        if edition.note:
            example["bookEdition" if kind == "Book" else "version"] = data.text(edition, "note", language)
        if edition.date_iso:
            example["datePublished"] = edition.date_iso
        if edition.isbn:
            example["isbn"] = edition.isbn
        if files:
            example["inLanguage"] = _languages(files)
            example["encoding"] = [
                data.media_object(file, name=file.own_title, language=file.language) for file in files
            ]
        examples.append(example)
    if examples:
        work["workExample"] = examples
    return work
