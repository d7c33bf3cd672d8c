"""SAVE: uploads become Video rows, trailers and teasers attach to one Movie per film.

Idempotent on YouTube ids: saving the same uploads twice changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import batched

from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from whichmovie.catalog.locks import transaction_lock
from whichmovie.catalog.models import Channel, DateStatus, Movie, Video, VideoKind
from whichmovie.catalog.services.grouping import attach_movies
from whichmovie.sources.clean import TITLE_LENGTH, is_youtube_id
from whichmovie.sources.kinds import OtherReason
from whichmovie.sources.presets import rules_for
from whichmovie.sources.titles import ParsedTitle, normalise_title, parse_title
from whichmovie.sources.youtube import Upload

logger = logging.getLogger(__name__)

CHUNK = 500  # rows per IN (...) lookup: far below every database's parameter limit

# An upload nothing dates (a plain `yt-dlp --flat-playlist` dump) is stored just below this,
# one microsecond per place in its listing: every page, feed and API sort then keeps the
# listing's order (newest first), below every real date, and nothing counts it as new.
UNKNOWN_DATES_TOP = datetime(1971, 1, 1, tzinfo=UTC)
_STEP = timedelta(microseconds=1)


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
    # Clipped to the column: normalising may lengthen a title ("&" -> "and").
    return f"{normalise_title(parsed.title or '')[:TITLE_LENGTH]}|{parsed.year or ''}"


def videos_save(*, channel: Channel, uploads: Sequence[Upload], exact_dates: bool) -> SaveResult:
    """Store uploads of one channel, given newest first (a listing's or a feed's order).

    `exact_dates` (the Atom feed): its titles and publish times win and are kept; a listing
    (yt-dlp, dumps) never overwrites them, and its approximate dates only fill unknown ones.
    An upload without a date gets a stand-in that keeps the listing's order (see
    `_stand_in_dates`). A video set by hand keeps its kind and title."""
    result = SaveResult()
    rules = rules_for(channel.rules)
    unique = list({u.youtube_id: u for u in uploads if _readable(u)}.values())
    with transaction.atomic():
        # Two saves of the same new uploads or films (two imports of one dump, two channels
        # with the same new film) take turns, so the second sees the first's rows.
        transaction_lock("videos-save")
        existing: dict[str, Video] = {}
        for chunk in batched([upload.youtube_id for upload in unique], CHUNK):
            existing.update(Video.objects.in_bulk(chunk, field_name="youtube_id"))

        stand_ins = _stand_in_dates(unique, existing, exact_dates=exact_dates)
        sighting_status = DateStatus.EXACT if exact_dates else DateStatus.APPROXIMATE
        existing_movie_ids = {v.pk: v.movie_id for v in existing.values()}
        left_movie_ids: set[int] = set()  # movies a retitled upload no longer belongs to
        new_videos: list[Video] = []
        changed: list[Video] = []
        for upload in unique:
            video = existing.get(upload.youtube_id)
            if video is None:
                parsed = parse_title(upload.title, rules)
                published_at, date_status = (
                    (upload.published_at, sighting_status)
                    if upload.published_at
                    else stand_ins[upload.youtube_id]
                )
                new_videos.append(
                    Video(
                        youtube_id=upload.youtube_id,
                        channel=channel,
                        youtube_title=upload.title,
                        description=upload.description,
                        kind=parsed.kind,
                        reason=parsed.reason,
                        parsed_title=(parsed.title or "")[:TITLE_LENGTH],
                        parsed_year=parsed.year,
                        group_key=group_key(parsed) if parsed.kind != VideoKind.OTHER else "",
                        published_at=published_at,
                        date_status=date_status,
                    )
                )
            elif _refresh(
                video,
                upload,
                exact_dates=exact_dates,
                rules_key=channel.rules,
                stand_in=stand_ins.get(upload.youtube_id),
            ):
                changed.append(video)
                if video.movie_id is None and (left := existing_movie_ids.get(video.pk)):
                    left_movie_ids.add(left)
            else:
                result.unchanged += 1

        result.movies_created = attach_movies([*new_videos, *changed])
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
                "date_status",
                "available",
                "in_uploads",
                "description",
                "movie",
            ],
            batch_size=CHUNK,
        )
        result.created, result.updated = len(new_videos), len(changed)
        movies_refresh_latest_video(
            left_movie_ids | {v.movie_id for v in [*new_videos, *changed] if v.movie_id}
        )
    return result


def _readable(upload: Upload) -> bool:
    """An upload with an id YouTube could not have given is left out with one line."""
    if is_youtube_id(upload.youtube_id):
        return True
    logger.warning("skipped an upload with id %r: not a YouTube video id", upload.youtube_id[:40])
    return False


def _stand_in_dates(
    uploads: Sequence[Upload], existing: dict[str, Video], *, exact_dates: bool
) -> dict[str, tuple[datetime, str]]:
    """A date for each upload that has none, from its place in the listing (newest first).

    An upload is at least as new as any upload listed below it: above a dated one it gets
    that date (approximate, a true lower bound, so "new this week" stays true); with nothing
    dated below it, a stand-in under UNKNOWN_DATES_TOP (unknown: no date is shown)."""
    stand_ins: dict[str, tuple[datetime, str]] = {}
    floor: tuple[datetime, str] | None = None
    sighting = DateStatus.EXACT if exact_dates else DateStatus.APPROXIMATE
    for place in range(len(uploads) - 1, -1, -1):
        upload = uploads[place]
        known = existing.get(upload.youtube_id)
        if upload.published_at is not None:
            floor = (upload.published_at, sighting)
        elif known is not None and known.published_at is not None:
            floor = (known.published_at, known.date_status)
        elif floor is None:
            stand_ins[upload.youtube_id] = (UNKNOWN_DATES_TOP - place * _STEP, DateStatus.UNKNOWN)
        else:
            status = (
                DateStatus.UNKNOWN if floor[1] == DateStatus.UNKNOWN else DateStatus.APPROXIMATE
            )
            floor = (floor[0] + _STEP, status)
            stand_ins[upload.youtube_id] = floor
    return stand_ins


def _refresh(
    video: Video,
    upload: Upload,
    *,
    exact_dates: bool,
    rules_key: str,
    stand_in: tuple[datetime, str] | None = None,
) -> bool:
    """Update a known video from a new sighting; return whether anything changed.

    The feed's title and date win. A listing's never replace them: yt-dlp browses in English
    and may give a translated title, which would move the upload to another movie."""
    fields = (
        "youtube_title",
        "published_at",
        "date_status",
        "available",
        "in_uploads",
        "description",
    )
    before = [getattr(video, name) for name in fields]
    video.available = video.in_uploads = True
    if upload.description and not video.description:
        video.description = upload.description  # evidence for matching (cast, director)
    feed_spoke = video.date_status == DateStatus.EXACT and video.published_at is not None
    if exact_dates:
        if upload.published_at:
            video.published_at, video.date_status = upload.published_at, DateStatus.EXACT
    elif not feed_spoke:
        if upload.published_at and (
            video.published_at is None or video.date_status == DateStatus.UNKNOWN
        ):
            video.published_at, video.date_status = upload.published_at, DateStatus.APPROXIMATE
        elif video.published_at is None and stand_in is not None:
            video.published_at, video.date_status = stand_in
    if upload.title and upload.title != video.youtube_title and (exact_dates or not feed_spoke):
        video.youtube_title = upload.title
        if not video.manual:
            parsed = parse_title(upload.title, rules_for(rules_key))
            video.kind, video.reason = parsed.kind, parsed.reason
            video.parsed_title, video.parsed_year = (parsed.title or "")[:TITLE_LENGTH], parsed.year
            new_key = group_key(parsed) if parsed.kind != VideoKind.OTHER else ""
            if new_key != video.group_key:
                video.group_key, video.movie = new_key, None
    return before != [getattr(video, name) for name in fields]


def movies_refresh_latest_video(movie_ids: Iterable[int]) -> None:
    """Recompute the denormalised 'newest trailer' date the radar sorts on."""
    newest = (
        Video.objects.trailers()
        .filter(movie=OuterRef("pk"))
        .values("movie")
        .annotate(newest=Max(Coalesce("published_at", "first_seen_at")))
        .values("newest")
    )
    ids = sorted(movie_ids)
    for chunk in batched(ids, CHUNK):
        Movie.objects.filter(pk__in=chunk).update(
            latest_video_at=Subquery(newest), updated_at=timezone.now()
        )


def video_classify_by_hand(
    *, video: Video, kind: str, title: str = "", year: int | None = None
) -> Video:
    """A person's decision on an upload: it survives every later fetch (`manual`)."""
    old_movie_id = video.movie_id
    parsed = ParsedTitle(
        kind=VideoKind(kind),
        reason="" if kind != VideoKind.OTHER else OtherReason.MANUAL,
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
        attach_movies([video])
        video.save()
        movies_refresh_latest_video({i for i in (old_movie_id, video.movie_id) if i})
    return video
