"""SAVE: uploads become Video rows, trailers and teasers attach to one Movie per film.

Idempotent on YouTube ids: saving the same uploads twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from whichmovie.catalog.locks import transaction_lock
from whichmovie.catalog.models import Channel, Movie, Video, VideoKind
from whichmovie.sources.presets import rules_for
from whichmovie.sources.titles import ParsedTitle, normalise_title, parse_title
from whichmovie.sources.youtube import Upload

CHUNK = 500  # rows per IN (...) lookup: far below every database's parameter limit


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    movies_created: int = 0

    def __add__(self, other: SaveResult) -> SaveResult:
        return SaveResult(
            self.created + other.created,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
            self.movies_created + other.movies_created,
        )

    def __str__(self) -> str:
        return (
            f"{self.created} new uploads, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.movies_created} new movies"
        )


def group_key(parsed: ParsedTitle) -> str:
    """Uploads of one film share this key before TMDB matching: title and stated year."""
    return f"{normalise_title(parsed.title or '')}|{parsed.year or ''}"


def chunks[T](items: Sequence[T]) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def videos_save(*, channel: Channel, uploads: Sequence[Upload], exact_dates: bool) -> SaveResult:
    """Store uploads of one channel. `exact_dates` (the Atom feed) may correct an approximate
    publish time; yt-dlp's approximate dates only fill empty ones. A known date is never
    replaced by an empty one, and a video set by hand keeps its kind and title."""
    result = SaveResult()
    rules = rules_for(channel.rules)
    unique = list({upload.youtube_id: upload for upload in uploads}.values())
    with transaction.atomic():
        # Two saves of the same new uploads or films (two imports of one dump, two channels
        # with the same new film) take turns, so the second sees the first's rows.
        transaction_lock("videos-save")
        existing: dict[str, Video] = {}
        for chunk in chunks([upload.youtube_id for upload in unique]):
            existing.update(Video.objects.in_bulk(chunk, field_name="youtube_id"))

        existing_movie_ids = {v.pk: v.movie_id for v in existing.values()}
        left_movie_ids: set[int] = set()  # movies a retitled upload no longer belongs to
        new_videos: list[Video] = []
        changed: list[Video] = []
        for upload in unique:
            video = existing.get(upload.youtube_id)
            if video is None:
                parsed = parse_title(upload.title, rules)
                new_videos.append(
                    Video(
                        youtube_id=upload.youtube_id,
                        channel=channel,
                        youtube_title=upload.title,
                        kind=parsed.kind,
                        reason=parsed.reason,
                        parsed_title=parsed.title or "",
                        parsed_year=parsed.year,
                        group_key=group_key(parsed) if parsed.kind != VideoKind.OTHER else "",
                        published_at=upload.published_at,
                    )
                )
            elif _refresh(video, upload, exact_dates=exact_dates, rules_key=channel.rules):
                changed.append(video)
                if video.movie_id is None and (left := existing_movie_ids.get(video.pk)):
                    left_movie_ids.add(left)
            else:
                result.unchanged += 1

        result.movies_created = _attach_movies([*new_videos, *changed])
        Video.objects.bulk_create(new_videos, batch_size=CHUNK)
        Video.objects.bulk_update(
            changed,
            [
                "youtube_title",
                "kind",
                "reason",
                "parsed_title",
                "parsed_year",
                "group_key",
                "published_at",
                "available",
                "movie",
            ],
            batch_size=CHUNK,
        )
        result.created, result.updated = len(new_videos), len(changed)
        movies_refresh_latest_video(
            left_movie_ids | {v.movie_id for v in [*new_videos, *changed] if v.movie_id}
        )
    return result


def _refresh(video: Video, upload: Upload, *, exact_dates: bool, rules_key: str) -> bool:
    """Update a known video from a new sighting; return whether anything changed."""
    before = (video.youtube_title, video.published_at, video.available)
    video.available = True
    if upload.published_at and (exact_dates or video.published_at is None):
        video.published_at = upload.published_at
    if upload.title and upload.title != video.youtube_title:
        video.youtube_title = upload.title
        if not video.manual:
            parsed = parse_title(upload.title, rules_for(rules_key))
            video.kind, video.reason = parsed.kind, parsed.reason
            video.parsed_title, video.parsed_year = parsed.title or "", parsed.year
            new_key = group_key(parsed) if parsed.kind != VideoKind.OTHER else ""
            if new_key != video.group_key:
                video.group_key, video.movie = new_key, None
    return before != (video.youtube_title, video.published_at, video.available)


def _attach_movies(videos: Sequence[Video]) -> int:
    """Give every trailer/teaser without a movie its Movie, creating one per group key.

    A key already seen on another video follows that video's movie, so uploads keep
    landing on a film after it was matched and merged under a different title."""
    waiting = [v for v in videos if v.kind != VideoKind.OTHER and v.movie_id is None]
    keys = sorted({v.group_key for v in waiting})
    movie_for_key: dict[str, int] = {}
    for chunk in chunks(keys):
        movie_for_key.update(
            (key, pk)
            for key, pk in Movie.objects.filter(group_key__in=chunk).values_list("group_key", "id")
            if key
        )
        movie_for_key.update(
            Video.objects.filter(group_key__in=chunk, movie__isnull=False)
            .exclude(group_key__in=list(movie_for_key))
            .values_list("group_key", "movie_id")
        )
    by_key = {v.group_key: v for v in waiting}
    new_movies = [
        Movie(
            title=by_key[key].parsed_title,
            year=by_key[key].parsed_year,
            group_key=key,
            search_title=normalise_title(by_key[key].parsed_title),
        )
        for key in keys
        if key not in movie_for_key
    ]
    Movie.objects.bulk_create(new_movies, batch_size=CHUNK)
    # SQLite and PostgreSQL return the new primary keys from bulk_create.
    movie_for_key.update({m.group_key: m.pk for m in new_movies if m.group_key})
    for video in waiting:
        video.movie_id = movie_for_key[video.group_key]
    return len(new_movies)


def movies_refresh_latest_video(movie_ids: Iterable[int]) -> None:
    """Recompute the denormalised 'newest trailer' date the radar sorts on."""
    newest = (
        Video.objects.filter(movie=OuterRef("pk"), kind__in=[VideoKind.TRAILER, VideoKind.TEASER])
        .values("movie")
        .annotate(newest=Max(Coalesce("published_at", "first_seen_at")))
        .values("newest")
    )
    ids = sorted(movie_ids)
    for chunk in chunks(ids):
        Movie.objects.filter(pk__in=chunk).update(
            latest_video_at=Subquery(newest), updated_at=timezone.now()
        )


def video_classify_by_hand(
    *, video: Video, kind: str, title: str = "", year: int | None = None
) -> Video:
    """A person's decision on an upload: it survives every later fetch (`manual`)."""
    old_movie_id = video.movie_id
    parsed = ParsedTitle(
        kind=kind,
        reason="" if kind != VideoKind.OTHER else "manual",
        title=title or None,
        year=year,
    )
    if kind != VideoKind.OTHER and not title:
        raise ValueError("a trailer or teaser needs the film's title")
    with transaction.atomic():
        video.kind, video.reason, video.manual = parsed.kind, parsed.reason, True
        video.parsed_title, video.parsed_year = title if kind != VideoKind.OTHER else "", year
        video.group_key = group_key(parsed) if kind != VideoKind.OTHER else ""
        video.movie = None
        _attach_movies([video])
        video.save()
        movies_refresh_latest_video({i for i in (old_movie_id, video.movie_id) if i})
    return video
