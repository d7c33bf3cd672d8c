"""TMDB's movie details as the fields a stored film takes: the mapping, without a database.

The service (catalog.services.enrichment) adds what needs the database: an IMDb id another
film holds already, merging films that share a TMDB id, genres as rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from whichmovie.tmdb.cleaning import clean_details

CAST_SIZE = 10  # billed actors kept per film
THEATRICAL = (2, 3)  # TMDB release types: theatrical (limited), theatrical
DIGITAL = 4


@dataclass(frozen=True)
class MovieDetails:
    """One film's details, named as the Movie columns they fill."""

    tmdb_id: int
    imdb_id: str | None
    title: str  # "" when TMDB has none: the film keeps the title it has
    year: int | None  # from release_date; None when TMDB has no date
    original_title: str = ""
    original_language: str = ""
    overview: str = ""
    tagline: str = ""
    release_date: date | None = None
    runtime: int | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    popularity: float | None = None
    poster_path: str = ""
    backdrop_path: str = ""
    directors: list[str] = field(default_factory=list)
    cast: list[dict[str, Any]] = field(default_factory=list)
    certification: str = ""  # in the region asked for
    theatrical_release_date: date | None = None
    digital_release_date: date | None = None
    watch_providers: dict[str, Any] = field(default_factory=dict)  # in the region asked for
    genres: list[tuple[int, str]] = field(default_factory=list)  # (TMDB id, name)


def movie_details(details: dict[str, Any], *, region: str) -> MovieDetails:
    """/movie/{id} details (with credits, release_dates and watch/providers appended) as a
    film's fields; certification, release dates and providers are `region`'s.
    ValueError if there is no usable TMDB id."""
    details = clean_details(details)  # TMDB's text is outside data: cleaned before storing
    release_date = _date(details["release_date"])
    credits = details["credits"]
    releases = _releases_in(details, region)
    return MovieDetails(
        tmdb_id=details["id"],
        imdb_id=details["imdb_id"],
        title=details["title"],
        year=release_date.year if release_date else None,
        original_title=details["original_title"],
        original_language=details["original_language"],
        overview=details["overview"],
        tagline=details["tagline"],
        release_date=release_date,
        runtime=details["runtime"] or None,
        vote_average=details["vote_average"],
        vote_count=details["vote_count"],
        popularity=details["popularity"],
        poster_path=details["poster_path"],
        backdrop_path=details["backdrop_path"],
        directors=[c["name"] for c in credits["crew"] if c["job"] == "Director"],
        cast=[
            {"name": c["name"], "character": c["character"], "profile_path": c["profile_path"]}
            for c in sorted(credits["cast"], key=lambda c: c["order"])[:CAST_SIZE]
        ],
        certification=next((r["certification"] for r in releases if r["certification"]), ""),
        theatrical_release_date=_first_release(releases, THEATRICAL),
        digital_release_date=_first_release(releases, (DIGITAL,)),
        watch_providers=details["watch/providers"]["results"].get(region) or {},
        genres=[(g["id"], g["name"]) for g in details["genres"]],
    )


def _releases_in(details: dict[str, Any], region: str) -> list[dict[str, Any]]:
    for country in details["release_dates"]["results"]:
        if country["iso_3166_1"] == region:
            releases: list[dict[str, Any]] = country["release_dates"]
            return releases
    return []


def _first_release(releases: list[dict[str, Any]], types: tuple[int, ...]) -> date | None:
    return min(
        (d for r in releases if r["type"] in types and (d := _date(r["release_date"]))),
        default=None,
    )


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
