from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories import make_genre, make_movie, make_video
from whichmovie.web.ical import calendar

pytestmark = pytest.mark.django_db


def unfold(body: str) -> list[str]:
    """RFC 5545 3.1: a CRLF followed by a space continues the previous line."""
    return body.replace("\r\n ", "").split("\r\n")


def calendar_of(title, overview=""):
    movie = make_movie(title, overview=overview, release_date=date(2030, 1, 2))
    return calendar(
        [movie],
        today=date(2029, 12, 1),
        now=datetime(2029, 12, 1, 10, 30, tzinfo=UTC),
        url_of=lambda m: "https://example.org/",
        host="example.org",
    )


def test_text_values_are_escaped():
    body = calendar_of("Crime, Drama; a\\b\nnext", overview="one\u2028two\x0bthree\x01")

    assert "SUMMARY:Crime\\, Drama\\; a\\\\b\\nnext in cinemas" in unfold(body)
    assert "DESCRIPTION:one\\ntwo\\nthree\\n\\nhttps://example.org/" in unfold(body)


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    title = "Amélie " * 40

    body = calendar_of(title)

    parts = body.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert any(part.startswith(" ") for part in parts)
    assert f"SUMMARY:{title} in cinemas" in unfold(body)


def test_calendar_has_upcoming_cinema_and_digital_releases(client):
    today = timezone.now().date()
    coming = make_movie(
        "Bugonia",
        2026,
        tmdb_id=701387,
        overview="Two men kidnap a CEO, convinced she is an alien; chaos follows.",
        theatrical_release_date=today + timedelta(days=20),
        release_date=today + timedelta(days=10),
        digital_release_date=today + timedelta(days=60),
    )
    make_video(coming)
    long_ago = make_movie("Old Film", 1999, release_date=date(1999, 5, 1))
    make_video(long_ago)

    response = client.get("/calendar.ics")

    body = response.content.decode()
    lines = unfold(body)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert body.endswith("END:VCALENDAR\r\n")
    assert lines.count("BEGIN:VEVENT") == 2
    start = (today + timedelta(days=20)).strftime("%Y%m%d")
    end = (today + timedelta(days=21)).strftime("%Y%m%d")
    assert f"DTSTART;VALUE=DATE:{start}" in lines and f"DTEND;VALUE=DATE:{end}" in lines
    assert "SUMMARY:Bugonia in cinemas" in lines
    assert "SUMMARY:Bugonia at home (digital release)" in lines
    assert f"UID:movie-{coming.pk}-cinema@testserver" in lines
    assert any(
        line.startswith("DESCRIPTION:Two men kidnap a CEO\\, convinced she is an alien\\; chaos")
        for line in lines
    )
    assert f"URL:http://testserver/movies/{coming.pk}/bugonia/" in lines
    assert "Old Film" not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_calendar_takes_the_page_filters(client):
    soon = timezone.now().date() + timedelta(days=5)
    drama = make_genre("Drama", 18)
    wanted = make_movie("Wanted", release_date=soon)
    wanted.genres.add(drama)
    make_video(wanted)
    make_video(make_movie("Other", release_date=soon))

    body = client.get("/calendar.ics?genre=drama").content.decode()

    assert "SUMMARY:Wanted in cinemas" in body and "Other" not in body
    assert client.get("/calendar.ics?status=bogus").status_code == 400


def test_dtstamp_is_utc():
    movie = make_movie("X", release_date=date(2030, 1, 2))
    body = calendar(
        [movie],
        today=date(2029, 12, 1),
        now=datetime(2029, 12, 1, 10, 30, tzinfo=UTC),
        url_of=lambda m: "https://example.org/",
        host="example.org",
    )

    assert "DTSTAMP:20291201T103000Z" in body
