"""An iCalendar (RFC 5545) feed of release dates. Hand-written: it is a handful of lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta

from django.db.models import Q

from whichmovie.catalog.models import Movie, MovieQuerySet

CRLF = "\r\n"
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
MAX_LINE_OCTETS = 75
# Keep the last month's dates, so an event does not vanish from calendars the day it happens.
KEEP_PAST_DAYS = 30
MAX_MOVIES = 1000


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    # Every line break a calendar app may honour becomes the escaped newline; RFC 5545 allows
    # no control character but tab in a TEXT value.
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\\\\n", value))


def fold(line: str) -> str:
    """Lines longer than 75 octets go on over lines that start with a space (RFC 5545 3.1),
    never splitting a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode())
        if size + octets > MAX_LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return CRLF.join(parts)


def movies_with_upcoming_dates(movies: MovieQuerySet, *, today: date) -> list[Movie]:
    since = today - timedelta(days=KEEP_PAST_DAYS)
    dated = movies.filter(
        Q(theatrical_release_date__gte=since)
        | Q(release_date__gte=since)
        | Q(digital_release_date__gte=since)
    )
    return list(dated.order_by("release_date", "id")[:MAX_MOVIES])


def release_events(movie: Movie, *, since: date) -> list[tuple[str, date, str]]:
    """(uid part, day, what happens) for the film's cinema and home releases."""
    events = []
    cinema = movie.theatrical_release_date or movie.release_date
    if cinema and cinema >= since:
        events.append(("cinema", cinema, "in cinemas"))
    digital = movie.digital_release_date
    if digital and digital >= since and digital != cinema:
        events.append(("digital", digital, "at home (digital release)"))
    return events


def calendar(
    movies: Iterable[Movie],
    *,
    today: date,
    now: datetime,
    url_of: Callable[[Movie], str],
    host: str,
    name: str = "WhichMovie release dates",
) -> str:
    since = today - timedelta(days=KEEP_PAST_DAYS)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//WhichMovie//Release dates//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
    ]
    for movie in movies:
        url = url_of(movie)
        for key, day, what in release_events(movie, since=since):
            summary = f"{movie.title} {what}"
            description = "\n\n".join(part for part in (movie.overview, url) if part)
            lines += [
                "BEGIN:VEVENT",
                f"UID:movie-{movie.pk}-{key}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{escape_text(summary)}",
                f"DESCRIPTION:{escape_text(description)}",
                f"URL:{url}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
