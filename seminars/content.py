"""Loads the partner cities and the two seminars from content/seminars.yaml.

Session times are written in the file as the releases give them (Japan time) and
stored in UTC. Photos are stand-ins made by core.standins that say so on their face.
"""

import datetime

from core.content import translations
from core.models import Status
from core.standins import standin_image
from seminars.models import JAPAN, City, Participation, ProgrammeItem, Seminar, SeminarPhoto, Session

CONTACT_FIELDS = ("section", "division", "office", "organisation")


def _japan_time(day, clock):
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=JAPAN).astimezone(datetime.UTC)


def load(loader):
    data = loader.read("seminars.yaml")
    cities = {}
    for item in data["cities"]:
        cities[item["slug"]] = loader.upsert(
            City,
            lookup={"slug": item["slug"]},
            values={
                "kind": item.get("kind", City.Kind.CITY),
                "status": Status.PUBLISHED,
                **translations("name", item["name"]),
                **translations("country", item["country"]),
            },
        )
    for item in data["seminars"]:
        _load_seminar(loader, item, cities)


def _load_seminar(loader, item, cities):
    contact = item.get("contact", {})
    values = {
        "edition": item.get("edition"),
        "format": item["format"],
        "start_date": item["start_date"],
        "end_date": item["end_date"],
        "declared_city_total": item.get("declared_city_total"),
        "date_note": item.get("date_note", ""),
        "release_date": item.get("release_date"),
        "release_languages": item.get("release_languages", []),
        "contact_phone": contact.get("phone", ""),
        "status": Status.PUBLISHED,
    }
    for field in ("series", "title", "theme", "venue", "summary", "body", "issuing_office"):
        values.update(translations(field, item.get(field)))
    for field in CONTACT_FIELDS:
        values.update(translations(f"contact_{field}", contact.get(field)))
    seminar = loader.upsert(
        Seminar, lookup={"slug": item["slug"]}, values=values, official=item.get("official")
    )

    for order, session in enumerate(item.get("sessions", []), start=1):
        loader.upsert(
            Session,
            lookup={"seminar": seminar, "order": order},
            values={
                "start": _japan_time(session["date"], session["start"]),
                "end": _japan_time(session["date"], session["end"]),
                **translations("name", session["name"]),
            },
        )
    for order, text in enumerate(item.get("programme", []), start=1):
        loader.upsert(
            ProgrammeItem, lookup={"seminar": seminar, "order": order}, values=translations("text", text)
        )
    for role, slugs in item.get("participants", {}).items():
        for slug in slugs:
            loader.upsert(
                Participation, lookup={"seminar": seminar, "city": cities[slug]}, values={"role": role}
            )
    for order, photo in enumerate(item.get("photos", []), start=1):
        loader.attach_file(
            SeminarPhoto,
            lookup={"seminar": seminar, "order": order},
            field="image",
            filename=f"{seminar.slug}-photo-{order}.png",
            make_content=lambda title=photo["standin"]: standin_image(
                f"Stand-in for the photo “{title}”",
                [
                    item["title"]["en"],
                    f"{item['start_date']:%d %B %Y}",
                    "The original photo is not part of the portal's source material.",
                ],
                size=(960, 640),
            ),
            values={
                **translations("alt_text", photo["alt"]),
                **translations("caption", photo.get("caption")),
            },
        )
