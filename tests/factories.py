"""Small make_* factories for tests: real rows in the real database."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from whichmovie.catalog.models import Channel, Genre, MatchStatus, Movie, Video, VideoKind
from whichmovie.sources.titles import normalise_title

_ids = itertools.count(1)


def make_channel(**fields: Any) -> Channel:
    n = next(_ids)
    defaults: dict[str, Any] = {
        "slug": f"channel-{n}",
        "name": f"Channel {n}",
        "url": f"https://www.youtube.com/@channel{n}/videos",
        "youtube_channel_id": f"UC{n:022d}",
    }
    return Channel.objects.create(**{**defaults, **fields})


def make_genre(name: str = "Drama", tmdb_id: int = 18) -> Genre:
    genre, _ = Genre.objects.get_or_create(
        tmdb_id=tmdb_id, defaults={"name": name, "slug": name.lower().replace(" ", "-")}
    )
    return genre


def make_movie(title: str = "Past Lives", year: int | None = 2023, **fields: Any) -> Movie:
    identified = fields.get("tmdb_id") is not None
    defaults: dict[str, Any] = {
        "title": title,
        "year": year,
        "search_title": normalise_title(title),
        "group_key": f"{normalise_title(title)}|{year or ''}|{next(_ids)}",
        "match_status": MatchStatus.MATCHED if identified else MatchStatus.PENDING,
        "latest_video_at": datetime(2026, 11, 1, tzinfo=UTC),
    }
    return Movie.objects.create(**{**defaults, **fields})


def make_video(movie: Movie | None = None, channel: Channel | None = None, **fields: Any) -> Video:
    n = next(_ids)
    defaults: dict[str, Any] = {
        "youtube_id": f"vid{n:08d}",
        "channel": channel or make_channel(),
        "youtube_title": f"{movie.title if movie else 'Something'} | Official Trailer",
        "kind": VideoKind.TRAILER if movie else VideoKind.OTHER,
        "parsed_title": movie.title if movie else "",
        "parsed_year": movie.year if movie else None,
        "published_at": datetime(2026, 11, 1, tzinfo=UTC),
        "movie": movie,
    }
    return Video.objects.create(**{**defaults, **fields})


def dated_dump(source: Path, target: Path, *, newest: datetime) -> Path:
    """A copy of a plain yt-dlp dump as `--extractor-args youtubetab:approximate_date` gives
    it: each entry dated one day older than the one above it, the first at `newest`."""
    dump = json.loads(source.read_text(encoding="utf-8"))
    for place, entry in enumerate(dump["entries"]):
        moment = newest - timedelta(days=place)
        entry["timestamp"] = int(moment.timestamp())
        entry["upload_date"] = f"{moment:%Y%m%d}"
    target.write_text(json.dumps(dump), encoding="utf-8")
    return target
