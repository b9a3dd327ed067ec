"""schema.org nodes of seminar and partner pages (see core.structured_data)."""

from core.structured_data import SCHEMA
from seminars.models import JAPAN, City, Format

ATTENDANCE_MODES = {
    Format.IN_PERSON: "OfflineEventAttendanceMode",
    Format.ONLINE: "OnlineEventAttendanceMode",
    Format.HYBRID: "MixedEventAttendanceMode",
}
PLACE_TYPES = {City.Kind.CITY: "City", City.Kind.STATE: "State", City.Kind.REGION: "AdministrativeArea"}


def seminar_event(data, seminar, sessions):
    """The seminar as an Event: its times from its sessions in Japan time (the first one's
    start, the last one's end), or its dates when it has no sessions."""
    language = data.shown_language(seminar, "title")
    event = {
        "@type": "Event",
        "@id": data.node_id("event"),
        "name": seminar.title,
        "url": data.url,
        "inLanguage": language,
    }
    if seminar.summary:
        event["description"] = data.text(seminar, "summary", language)
    if sessions:
        event["startDate"] = min(s.start for s in sessions).astimezone(JAPAN).isoformat()
        event["endDate"] = max(s.end for s in sessions).astimezone(JAPAN).isoformat()
    else:
        event["startDate"] = seminar.start_date.isoformat()
        event["endDate"] = seminar.end_date.isoformat()
    event["eventAttendanceMode"] = SCHEMA + ATTENDANCE_MODES.get(seminar.format, "OfflineEventAttendanceMode")
    # The releases report seminars that took place as planned; nothing records a cancellation.
    event["eventStatus"] = SCHEMA + "EventScheduled"
    locations = []
    if seminar.format != Format.ONLINE and seminar.venue:
        locations.append({"@type": "Place", "name": data.text(seminar, "venue", language)})
    if seminar.format != Format.IN_PERSON:
        # The only address known for the online part is the seminar's own page.
        locations.append({"@type": "VirtualLocation", "url": data.url})
    if locations:
        event["location"] = locations[0] if len(locations) == 1 else locations
    photos = list(seminar.photos.all())
    if photos:
        event["image"] = [data.absolute(photo.image.url) for photo in photos]
    event["organizer"] = data.organisation_ref()
    return event


def partner_place(data, city):
    """A partner city, state or region as the Place the page is about."""
    language = data.shown_language(city, "name")
    place = {
        "@type": PLACE_TYPES.get(city.kind, "Place"),
        "@id": data.node_id("place"),
        "name": city.name,
    }
    if city.country:
        # "Country or region": an AdministrativeArea, as neutral as the page's own label.
        place["containedInPlace"] = {
            "@type": "AdministrativeArea",
            "name": data.text(city, "country", language),
        }
    if city.latitude is not None and city.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    return place
