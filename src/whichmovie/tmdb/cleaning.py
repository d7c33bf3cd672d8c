"""TMDB's movie details as enrichment may store them: every field it reads, cleaned once.

TMDB's data is edited by its users, so it is outside text like a YouTube title: the same
boundary (sources.clean) applies, plus the types and ranges of the columns it lands in.
"""

from __future__ import annotations

import math
import re
from typing import Any

from whichmovie.sources.clean import (
    OVERVIEW_LENGTH,
    PATH_LENGTH,
    SHORT_LENGTH,
    TAGLINE_LENGTH,
    TITLE_LENGTH,
    clean_json,
    clean_text,
)

MAX_INT = 2**31 - 1  # PostgreSQL integer
MAX_SMALL_INT = 2**15 - 1  # PostgreSQL smallint (runtime)
IMDB_ID = re.compile(r"tt\d{1,12}")
IMAGE_PATH = re.compile(r"/[\w.\-]{1,190}")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,4})?")


def _int(value: Any, *, maximum: int = MAX_INT) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return int(value) if 0 <= value <= maximum else None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _list(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(value: Any, length: int = SHORT_LENGTH) -> str:
    return clean_text(value, max_length=length)


def _path(value: Any) -> str:
    path = _text(value, PATH_LENGTH)
    return path if IMAGE_PATH.fullmatch(path) else ""


def _date(value: Any) -> str:
    return _text(value, 30)


def clean_details(details: dict[str, Any]) -> dict[str, Any]:
    """A copy of /movie/{id} details with the fields enrichment reads, each of the right type
    and length; ValueError if there is no usable TMDB id."""
    tmdb_id = _int(details.get("id"))
    if not tmdb_id:
        raise ValueError(f"TMDB answered without a usable movie id ({details.get('id')!r:.40})")
    external = details.get("external_ids")
    imdb_id = details.get("imdb_id") or (
        external.get("imdb_id") if isinstance(external, dict) else ""
    )
    imdb_id = imdb_id if isinstance(imdb_id, str) and IMDB_ID.fullmatch(imdb_id) else None
    language = _text(details.get("original_language"), 10)
    credits: dict[str, Any] = details["credits"] if isinstance(details.get("credits"), dict) else {}
    releases = details.get("release_dates")
    providers = details.get("watch/providers")
    regions = providers.get("results") if isinstance(providers, dict) else None
    return {
        "id": tmdb_id,
        "imdb_id": imdb_id,
        "title": _text(details.get("title"), TITLE_LENGTH),
        "original_title": _text(details.get("original_title"), TITLE_LENGTH),
        "original_language": language if LANGUAGE.fullmatch(language) else "",
        "overview": clean_text(details.get("overview"), max_length=OVERVIEW_LENGTH, multiline=True),
        "tagline": _text(details.get("tagline"), TAGLINE_LENGTH),
        "release_date": _date(details.get("release_date")),
        "runtime": _int(details.get("runtime"), maximum=MAX_SMALL_INT),
        "vote_average": _float(details.get("vote_average")),
        "vote_count": _int(details.get("vote_count")),
        "popularity": _float(details.get("popularity")),
        "poster_path": _path(details.get("poster_path")),
        "backdrop_path": _path(details.get("backdrop_path")),
        "credits": {
            "crew": [
                {"job": _text(c.get("job")), "name": _text(c.get("name"))}
                for c in _list(credits.get("crew"))
                if _text(c.get("name"))
            ],
            "cast": [
                {
                    "name": _text(c.get("name")),
                    "character": _text(c.get("character"), TITLE_LENGTH),
                    "profile_path": _path(c.get("profile_path")) or None,
                    "order": _int(c.get("order")) or 0,
                }
                for c in _list(credits.get("cast"))
                if _text(c.get("name"))
            ],
        },
        "release_dates": {
            "results": [
                {
                    "iso_3166_1": _text(r.get("iso_3166_1"), 5),
                    "release_dates": [
                        {
                            "certification": _text(d.get("certification"), 20),
                            "type": _int(d.get("type")),
                            "release_date": _date(d.get("release_date")),
                        }
                        for d in _list(r.get("release_dates"))
                    ],
                }
                for r in _list(releases.get("results") if isinstance(releases, dict) else None)
            ]
        },
        "watch/providers": {
            "results": {
                _text(region, 5): clean_json(offers)
                for region, offers in (regions if isinstance(regions, dict) else {}).items()
                if isinstance(offers, dict)
            }
        },
        "genres": [
            {"id": genre_id, "name": _text(g.get("name"))}
            for g in _list(details.get("genres"))
            if (genre_id := _int(g.get("id"))) and _text(g.get("name"))
        ],
    }
