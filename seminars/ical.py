"""A seminar's sessions as an iCalendar (RFC 5545) file, written by the icalendar library."""

import datetime

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//Tokyo 2020 Legacy Portal//Seminars//EN"


def _utc(value):
    return value.astimezone(datetime.UTC)


def seminar_calendar(seminar, *, page_url):
    """One VEVENT per session, in UTC; a seminar without sessions is one all-day event.

    UIDs come from primary keys (Seminar.calendar_uid), so a calendar that imports the
    file again updates its events instead of duplicating them. DTSTAMP is the seminar's
    last change, so the same content gives the same file.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", seminar.title)
    calendar.add("x-wr-calname", seminar.title)
    stamp = _utc(seminar.updated_at)
    location = seminar.venue or seminar.get_format_display()
    description = "\n\n".join(part for part in (seminar.theme, seminar.summary, page_url) if part)

    sessions = list(seminar.sessions.all())
    for session in sessions:
        event = Event()
        event.add("uid", seminar.calendar_uid(f"session:{session.pk}"))
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(session.start))
        event.add("dtend", _utc(session.end))
        event.add(
            "summary", _("%(seminar)s – %(session)s") % {"seminar": seminar.title, "session": session.name}
        )
        event.add("location", location)
        event.add("description", description)
        event.add("url", page_url)
        calendar.add_component(event)
    if not sessions:
        event = Event()
        event.add("uid", seminar.calendar_uid("dates"))
        event.add("dtstamp", stamp)
        event.add("dtstart", seminar.start_date)
        # DTEND of an all-day event is the day after the last day (RFC 5545, 3.6.1).
        event.add("dtend", seminar.end_date + datetime.timedelta(days=1))
        event.add("summary", seminar.title)
        event.add("location", location)
        event.add("description", description)
        event.add("url", page_url)
        calendar.add_component(event)
    return calendar
