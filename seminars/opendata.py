"""The seminars (with their sessions, programme, partners and photos) and the partner
cities and regions as open data (see core.opendata)."""

from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field

from core.opendata import (
    Column,
    Dataset,
    ImageOut,
    LanguageUrls,
    PageUrls,
    Reference,
    Texts,
    Translated,
    TranslationInfo,
    common,
    image_record,
    lines,
    moment,
    reference,
    texts,
)
from seminars.models import City, Seminar


class SessionOut(Schema):
    name: Translated
    start: str = Field(description="When it starts, ISO 8601 in UTC.")
    end: str = Field(description="When it ends, ISO 8601 in UTC.")


class ProgrammeItemOut(Schema):
    text: Translated


class ParticipationOut(Schema):
    city: Reference = Field(description="The partner city or region (see /api/v1/cities).")
    role: str = Field(description="presenter or participant.")


class PhotoOut(ImageOut):
    alt_text: Translated
    caption: Translated


class ContactOut(Schema):
    section: Translated
    division: Translated
    office: Translated
    organisation: Translated
    phone: str | None = Field(description="As written in Japan, e.g. 03-5388-2238.")


class SeminarOut(Schema):
    content_id: str
    slug: str
    series: Translated
    edition: int | None = Field(description="The edition number (null when the release does not say).")
    title: Translated
    theme: Translated
    format: str = Field(description="in_person, online or hybrid.")
    venue: Translated
    start_date: str = Field(description="YYYY-MM-DD.")
    end_date: str = Field(description="YYYY-MM-DD.")
    summary: Translated
    body: Translated = Field(description="Rich text as HTML.")
    declared_city_total: int | None = Field(
        description="How many partners the release says took part (it may name fewer)."
    )
    sessions: list[SessionOut]
    programme: list[ProgrammeItemOut]
    participations: list[ParticipationOut] = Field(description="The live partners it names, with their role.")
    photos: list[PhotoOut]
    issuing_office: Translated
    release_date: str | None = Field(description="The press release's date, YYYY-MM-DD.")
    release_languages: list[str] = Field(description="Other languages the release is available in.")
    contact: ContactOut
    calendar_url: str = Field(description="The sessions as an iCalendar (.ics) file.")
    urls: PageUrls
    first_published_at: str | None
    public_updated_at: str | None
    updated_at: str
    translations: dict[str, dict[str, TranslationInfo]]


class SeminarRoleOut(Schema):
    seminar: Reference = Field(description="The seminar (see /api/v1/seminars).")
    role: str = Field(description="presenter or participant.")


class CityOut(Schema):
    content_id: str
    slug: str
    name: Translated
    country: Translated = Field(description="Country or region.")
    kind: str = Field(description="city, state or region.")
    latitude: float | None
    longitude: float | None
    seminars: list[SeminarRoleOut] = Field(description="The live seminars it took part in, newest first.")
    urls: PageUrls
    first_published_at: str | None
    public_updated_at: str | None
    updated_at: str
    translations: dict[str, dict[str, TranslationInfo]]


class SeminarDataset(Dataset):
    name = "seminars"
    model = Seminar
    title = _("Seminars")
    description = _(
        "The Tokyo Global Partners Seminars: dates, sessions (UTC times), programme, partners and "
        "their roles, photos and contacts."
    )
    item_schema = SeminarOut
    detail_url_name = "seminars:detail"
    csv_columns = (
        Column("content_id"),
        Column("slug"),
        Texts("series"),
        Column("edition"),
        Texts("title"),
        Texts("theme"),
        Column("format"),
        Column("start_date"),
        Column("end_date"),
        Texts("summary"),
        Column("declared_city_total"),
        Column(
            "sessions_utc",
            lambda record: lines(f"{session['start']}/{session['end']}" for session in record["sessions"]),
        ),
        Column(
            "presenter_ids",
            lambda record: lines(
                p["city"]["content_id"] for p in record["participations"] if p["role"] == "presenter"
            ),
        ),
        Column(
            "participant_ids",
            lambda record: lines(
                p["city"]["content_id"] for p in record["participations"] if p["role"] != "presenter"
            ),
        ),
        Column("release_date"),
        Column("calendar_url"),
        Texts("url", lambda record: record["urls"]),
        Column("first_published_at"),
        Column("public_updated_at"),
        Column("updated_at"),
    )

    def context(self, request):
        return {
            "request": request,
            "urls": LanguageUrls(request, self.detail_url_name),
            "calendars": LanguageUrls(request, "seminars:calendar"),
        }

    def record(self, seminar, context):
        request = context["request"]
        return {
            **common(seminar, context["urls"](seminar.slug)),
            "series": texts(seminar, "series"),
            "edition": seminar.edition,
            "title": texts(seminar, "title"),
            "theme": texts(seminar, "theme"),
            "format": seminar.format,
            "venue": texts(seminar, "venue"),
            "start_date": seminar.start_date.isoformat(),
            "end_date": seminar.end_date.isoformat(),
            "summary": texts(seminar, "summary"),
            "body": texts(seminar, "body"),
            "declared_city_total": seminar.declared_city_total,
            "sessions": [
                {"name": texts(session, "name"), "start": moment(session.start), "end": moment(session.end)}
                for session in seminar.sessions.all()
            ],
            "programme": [{"text": texts(item, "text")} for item in seminar.programme_items.all()],
            "participations": [
                {"city": reference(participation.city), "role": participation.role}
                for participation in seminar.api_participations
            ],
            "photos": [
                {
                    **image_record(request, photo.image, photo.width, photo.height),
                    "alt_text": texts(photo, "alt_text"),
                    "caption": texts(photo, "caption"),
                }
                for photo in seminar.photos.all()
                if photo.image
            ],
            "issuing_office": texts(seminar, "issuing_office"),
            "release_date": seminar.release_date.isoformat() if seminar.release_date else None,
            "release_languages": list(seminar.release_languages or []),
            "contact": {
                "section": texts(seminar, "contact_section"),
                "division": texts(seminar, "contact_division"),
                "office": texts(seminar, "contact_office"),
                "organisation": texts(seminar, "contact_organisation"),
                "phone": seminar.contact_phone or None,
            },
            "calendar_url": context["calendars"](seminar.slug)["en"],
        }


class CityDataset(Dataset):
    name = "cities"
    model = City
    title = _("Partner cities and regions")
    description = _(
        "The partner cities and regions of the seminars: names, countries or regions, positions, and "
        "the seminars each took part in."
    )
    item_schema = CityOut
    detail_url_name = "seminars:city_detail"
    csv_columns = (
        Column("content_id"),
        Column("slug"),
        Texts("name"),
        Texts("country"),
        Column("kind"),
        Column("latitude"),
        Column("longitude"),
        Column("seminar_ids", lambda record: lines(s["seminar"]["content_id"] for s in record["seminars"])),
        Texts("url", lambda record: record["urls"]),
        Column("first_published_at"),
        Column("public_updated_at"),
        Column("updated_at"),
    )

    def record(self, city, context):
        return {
            **common(city, context["urls"](city.slug)),
            "name": texts(city, "name"),
            "country": texts(city, "country"),
            "kind": city.kind,
            "latitude": float(city.latitude) if city.latitude is not None else None,
            "longitude": float(city.longitude) if city.longitude is not None else None,
            "seminars": [
                {"seminar": reference(participation.seminar), "role": participation.role}
                for participation in city.api_participations
            ],
        }


DATASETS = (SeminarDataset(), CityDataset())
