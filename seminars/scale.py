"""Generated partner cities and seminars for benchmarks (see core.scale)."""

import datetime
from zoneinfo import ZoneInfo

from core.scale import PREFIX
from seminars.models import City, Participation, Seminar, Session

JAPAN = ZoneInfo("Asia/Tokyo")


def generate_cities(writer, count):
    start = City.objects.count()
    writer.create(
        City,
        [
            City(
                slug=f"{PREFIX}city-{number:05d}",
                **writer.texts("name", "city", number),
                **writer.texts("country", "country", number % 50),
                latitude=(number % 160) - 80,
                longitude=(number % 340) - 170,
                **writer.published(number),
            )
            for number in range(start + 1, start + count + 1)
        ],
    )


def generate_seminars(writer, count):
    cities = list(City.objects.filter(slug__startswith=PREFIX).order_by("slug")[:count])
    start = Seminar.objects.count()
    seminars = writer.create(
        Seminar,
        [
            Seminar(
                slug=f"{PREFIX}seminar-{number}",
                series="Scale test seminar",
                edition=number,
                **writer.texts("title", "seminar", number),
                **writer.texts("summary", "summary of seminar", number),
                start_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=number * 7),
                end_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=number * 7),
                **writer.published(number),
            )
            for number in range(start + 1, start + count + 1)
        ],
    )
    sessions = []
    for seminar in seminars:
        day = seminar.start_date
        sessions.append(
            Session(
                seminar=seminar,
                order=1,
                name_en="Session",
                start=datetime.datetime(day.year, day.month, day.day, 10, tzinfo=JAPAN),
                end=datetime.datetime(day.year, day.month, day.day, 12, tzinfo=JAPAN),
            )
        )
    writer.create(Session, sessions)
    if cities:
        writer.create(
            Participation,
            [
                Participation(seminar=seminar, city=cities[index % len(cities)])
                for index, seminar in enumerate(seminars)
            ],
        )


# Cities first: the seminars take part with them.
GENERATORS = {"cities": (1_000, generate_cities), "seminars": (1_000, generate_seminars)}


def remove():
    Seminar.objects.filter(slug__startswith=PREFIX).delete()
    City.objects.filter(slug__startswith=PREFIX).delete()
