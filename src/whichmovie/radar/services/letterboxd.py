"""A Letterboxd watchlist export (watchlist.csv: Date, Name, Year, Letterboxd URI) becomes
watchlist entries, each film identified on TMDB by the same matcher as trailers. Rows the
matcher is unsure of are returned for a person to pick, never guessed."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from whichmovie.catalog.models import MatchStatus, Movie
from whichmovie.catalog.services.enrichment import movie_apply_details
from whichmovie.radar.models import LetterboxdRow, MarkState
from whichmovie.radar.services.follows import movie_mark
from whichmovie.sources.titles import normalise_title
from whichmovie.tmdb.client import TmdbClient
from whichmovie.tmdb.matching import Candidate, match_movie

REQUIRED_COLUMNS = ("Name", "Year")
MAX_ROWS = 5000


class LetterboxdError(ValueError):
    """The file is not a Letterboxd export we can read; the message says why."""


@dataclass(frozen=True)
class UnsureRow:
    title: str
    year: int | None
    uri: str
    explanation: str
    candidates: tuple[Candidate, ...]


@dataclass
class ImportResult:
    added: list[Movie] = field(default_factory=list)
    unsure: list[UnsureRow] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{len(self.added)} added to the watchlist, {len(self.unsure)} to check"


def parse_watchlist(text: str) -> list[tuple[str, int | None, str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = reader.fieldnames or []
    if any(column not in columns for column in REQUIRED_COLUMNS):
        raise LetterboxdError(
            "a Letterboxd watchlist export has the columns Date, Name, Year, Letterboxd URI "
            f"(this file has: {', '.join(columns) or 'none'})"
        )
    rows = []
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            raise LetterboxdError(f"at most {MAX_ROWS} films per import")
        title = (row.get("Name") or "").strip()
        year_text = (row.get("Year") or "").strip()
        if not title:
            continue
        if year_text and not (year_text.isdecimal() and len(year_text) == 4):
            raise LetterboxdError(f"line {number}: Year must be a year (got {year_text!r})")
        rows.append((title, int(year_text) if year_text else None, row.get("Letterboxd URI", "")))
    return rows


def movie_from_details(details: dict[str, Any]) -> Movie:
    """The catalogue's film for these TMDB details, created if we have no trailer of it yet."""
    tmdb_id = int(details["id"])
    existing = Movie.objects.filter(tmdb_id=tmdb_id).first()
    if existing is not None:
        return existing
    title = str(details.get("title") or details.get("original_title") or tmdb_id)
    with transaction.atomic():
        movie = Movie.objects.create(title=title, search_title=normalise_title(title))
        movie_apply_details(movie=movie, details=details, status=MatchStatus.MATCHED)
    return Movie.objects.get(tmdb_id=tmdb_id)


def letterboxd_import(*, user: Any, text: str, client: TmdbClient) -> ImportResult:
    result = ImportResult()
    for title, year, uri in parse_watchlist(text):
        known = Movie.objects.filter(
            search_title=normalise_title(title), year=year, tmdb_id__isnull=False
        ).first()
        if known is None:
            match = match_movie(client, title=title, year=year)
            if match.status != MatchStatus.MATCHED or match.details is None:
                row = UnsureRow(title, year, uri, match.explanation, match.candidates[:3])
                _keep_for_review(user, row)
                result.unsure.append(row)
                continue
            known = movie_from_details(match.details)
        movie_mark(user=user, movie=known, state=MarkState.WATCHLIST)
        LetterboxdRow.objects.filter(user=user, title=title, year=year).delete()
        result.added.append(known)
    return result


def _keep_for_review(user: Any, row: UnsureRow) -> None:
    LetterboxdRow.objects.update_or_create(
        user=user,
        title=row.title,
        year=row.year,
        defaults={
            "uri": row.uri,
            "explanation": row.explanation,
            "candidates": [
                {"tmdb_id": c.tmdb_id, "title": c.title, "year": c.year, "score": c.score}
                for c in row.candidates
            ],
        },
    )


def letterboxd_pick(
    *, user: Any, tmdb_id: int, client: TmdbClient, row_id: int | None = None
) -> Movie:
    """A person's answer for an unsure row (or any film): this TMDB film."""
    movie = movie_from_details(client.movie_details(tmdb_id))
    movie_mark(user=user, movie=movie, state=MarkState.WATCHLIST)
    if row_id is not None:
        LetterboxdRow.objects.filter(user=user, pk=row_id).delete()
    return movie


def letterboxd_row_dismiss(*, user: Any, row_id: int) -> None:
    """An unsure row the user does not want: forgotten (only the user's own)."""
    LetterboxdRow.objects.filter(user=user, pk=row_id).delete()
