"""Uploads of one film become one Movie before TMDB is asked, where the evidence agrees.

A title alone does not make a film: "Nocturne" (2020) and "Nocturne" (2024) share it. So an
upload joins an existing group only when
- it states the same year as the group (its key `title|year` is already there), or
- it or the group states no year, and the publish dates agree: within a window of each
  other, and within the years a trailer comes out around its film's release (or around the
  matched film's release date, once TMDB identified the group), and
- nothing contradicts it: a channel in another language than the identified film's, or a
  description that credits people ("Starring ...") none of whom made the identified film.

An upload without a publish date ("none is not zero") joins an unidentified group of its
title and year, or the only group of its title, or an identified one from the same channel;
a dated upload joins an unidentified year-less group that has no dates at all (nothing there
contradicts it).
Anything else starts a new group; uploads that are one film after all merge once TMDB
identifies them (`movie_apply_details`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from whichmovie.catalog.models import (
    RECHECKED_STATUSES,
    Channel,
    DateStatus,
    MatchStatus,
    Movie,
    Video,
    VideoKind,
)
from whichmovie.sources.clean import TITLE_LENGTH
from whichmovie.sources.titles import normalise_title
from whichmovie.tmdb.matching import approximate_slack, description_credits_others

logger = logging.getLogger(__name__)

# Two uploads this far apart are not one campaign (a teaser comes a year or so before the
# trailer, yt-dlp's approximate dates add some months).
PUBLISH_WINDOW = timedelta(days=600)
# A trailer is published from a few years before its film's release to a year after it.
YEARS_BEFORE_RELEASE = 3
YEARS_AFTER_RELEASE = 1
CHUNK = 200  # titles per prefix query


@dataclass
class _Group:
    title_key: str
    movie_id: int | None = None  # None: created at the end of this batch
    movie_key: str = ""  # Movie.group_key
    keys: set[str] = field(default_factory=set)  # the video group keys in it
    year: int | None = None  # stated, or TMDB's once identified
    release: date | None = None  # TMDB's, once identified
    identified: bool = False
    status: str = MatchStatus.PENDING
    language: str = ""  # the identified film's original language
    channels: set[int] = field(default_factory=set)
    people: list[str] = field(default_factory=list)  # the identified film's directors and cast
    dates: list[date] = field(default_factory=list)
    title: str = ""
    new_movie: Movie | None = None


def group_title_key(group_key: str) -> str:
    """The normalised-title part of a group key (`title|year...`)."""
    return group_key.split("|", 1)[0]


def _year_of(group_key: str) -> int | None:
    tail = group_key.split("|", 1)[1] if "|" in group_key else ""
    tail = tail.split("|", 1)[0].split("#", 1)[0]
    return int(tail) if tail.isdigit() else None


def _fits_release(
    published: date, year: int | None, release: date | None, *, exact: bool = False
) -> bool:
    """Whether an upload of this date can be a trailer of a film of this year or release."""
    if release is not None:
        # yt-dlp's approximate dates: the upload may be up to a unit ("2 years ago") earlier.
        slack = timedelta(0) if exact else approximate_slack(published, timezone.now().date())
        return release - timedelta(
            days=365 * YEARS_BEFORE_RELEASE
        ) <= published and published - slack <= release + timedelta(days=365 * YEARS_AFTER_RELEASE)
    if year is not None:
        return year - YEARS_BEFORE_RELEASE <= published.year <= year + YEARS_AFTER_RELEASE
    return True


def _agrees(
    group: _Group, video: Video, year: int | None, language: str, *, alone: bool = False
) -> bool:
    """Whether the upload can be one film with the group, before TMDB is asked.

    `alone`: the group is the only one of the title."""
    if language and language != "en" and group.language and group.language != language:
        return False
    if group.identified and description_credits_others(video.description, group.people):
        return False  # "Starring ..." names none of the identified film's people
    if year is not None:
        return _agrees_with_year(group, video, year)
    return _agrees_without_year(group, video, alone=alone)


def _published(video: Video) -> tuple[date | None, bool]:
    """The upload's publish date as evidence, and whether it is exact (from the feed)."""
    published = video.known_published_at.date() if video.known_published_at else None
    return published, video.date_status == DateStatus.EXACT


def _agrees_with_year(group: _Group, video: Video, year: int) -> bool:
    published, exact = _published(video)
    if video.group_key in group.keys:
        return True  # the same title and the same stated year
    if group.identified:
        # The film TMDB named: our year within one of its, our date around its release.
        if group.year is None or abs(group.year - year) > 1:
            return False
        return published is None or _fits_release(published, group.year, group.release, exact=exact)
    if group.year is not None:
        return False  # another stated year: another film, until TMDB says otherwise
    # A year-less group: every one of its uploads must fit our year.
    if not group.dates:
        return True  # undated, year-less uploads of this title: nothing contradicts it
    if not all(_fits_release(d, year, None) for d in group.dates):
        return False
    return published is None or _near(group, published)


def _agrees_without_year(group: _Group, video: Video, *, alone: bool) -> bool:
    """No stated year: the publish date decides."""
    published, exact = _published(video)
    if published is None:
        if group.identified:
            return video.group_key in group.keys and video.channel_id in group.channels
        return video.group_key in group.keys or alone  # nothing of ours can contradict it
    if (group.identified or group.year is not None) and not _fits_release(
        published, group.year, group.release, exact=exact
    ):
        return False
    if group.dates:
        return _near(group, published)
    if group.identified or group.year is not None:
        return True
    # Only undated uploads of the same title, nothing to contradict: this date dates them.
    return video.group_key in group.keys


def _near(group: _Group, published: date) -> bool:
    return min(abs(published - d) for d in group.dates) <= PUBLISH_WINDOW


def _people(directors: Any, cast: Any) -> list[str]:
    names = [d for d in directors if isinstance(d, str)] if isinstance(directors, list) else []
    for member in cast if isinstance(cast, list) else []:
        if isinstance(member, dict) and isinstance(member.get("name"), str):
            names.append(member["name"])
    return names


def _load_groups(title_keys: Sequence[str]) -> dict[str, list[_Group]]:
    groups: dict[int, _Group] = {}
    for start in range(0, len(title_keys), CHUNK):
        chunk = title_keys[start : start + CHUNK]
        prefix = reduce(or_, (Q(group_key__startswith=f"{t}|") for t in chunk))
        movies = Movie.objects.filter(
            Q(pk__in=Video.objects.filter(prefix, movie__isnull=False).values("movie_id"))
            | reduce(or_, (Q(group_key__startswith=f"{t}|") for t in chunk))
        ).values(
            "pk",
            "group_key",
            "year",
            "tmdb_id",
            "release_date",
            "original_language",
            "match_status",
            "title",
            "directors",
            "cast",
        )
        for m in movies:
            groups[m["pk"]] = _Group(
                title_key=group_title_key(m["group_key"] or ""),
                movie_id=m["pk"],
                movie_key=m["group_key"] or "",
                keys={m["group_key"]} if m["group_key"] else set(),
                year=m["year"],
                release=m["release_date"],
                identified=m["tmdb_id"] is not None,
                status=m["match_status"],
                language=m["original_language"] or "",
                title=m["title"],
                people=_people(m["directors"], m["cast"]),
            )
        for movie_id, key, channel_id, published, date_status in Video.objects.filter(
            prefix, movie_id__in=list(groups)
        ).values_list("movie_id", "group_key", "channel_id", "published_at", "date_status"):
            group = groups[movie_id]
            group.keys.add(key)
            group.channels.add(channel_id)
            # A stand-in date (undated import) only keeps the listing's order: no evidence.
            if published is not None and date_status != DateStatus.UNKNOWN:
                group.dates.append(published.date())
    by_title: dict[str, list[_Group]] = {}
    for group in groups.values():
        # A merged film holds uploads of several titles; it is found under each of them.
        for title_key in sorted({group_title_key(k) for k in group.keys}):
            by_title.setdefault(title_key, []).append(group)
    return by_title


def attach_movies(videos: Sequence[Video]) -> int:
    """Give every trailer/teaser without a movie its Movie (see the module docstring).

    Returns how many movies were created. Movies that were unsure (not found, in review) and
    receive an upload are looked at again on the next enrichment run.
    """
    waiting = [v for v in videos if v.kind != VideoKind.OTHER and v.movie_id is None]
    if not waiting:
        return 0
    title_keys = sorted({group_title_key(v.group_key) for v in waiting})
    by_title = _load_groups(title_keys)
    taken = {g.movie_key for groups in by_title.values() for g in groups if g.movie_key}
    wanted_keys = sorted({v.group_key for v in waiting})
    stored = Movie.objects.filter(group_key__in=wanted_keys).values_list("group_key", flat=True)
    taken |= {key for key in stored if key}
    languages = dict(
        Channel.objects.filter(pk__in={v.channel_id for v in waiting}).values_list("pk", "language")
    )
    # Stated years first, so a year-less teaser finds the trailer that names the year.
    now = timezone.now()
    waiting.sort(
        key=lambda v: (
            v.parsed_year is None,
            v.known_published_at is None,
            v.known_published_at or now,
        )
    )
    touched: set[int] = set()
    waiting_for_new: list[tuple[Video, Movie]] = []  # their movie gets its id below
    for video in waiting:
        title_key = group_title_key(video.group_key)
        published = video.known_published_at.date() if video.known_published_at else None
        language = (languages.get(video.channel_id) or "").split("-")[0].casefold()
        groups = by_title.get(title_key, [])
        fitting = [
            g
            for g in groups
            if _agrees(g, video, video.parsed_year, language, alone=len(groups) == 1)
        ]
        if fitting:
            group = min(
                fitting,
                key=lambda g: (
                    video.group_key not in g.keys,
                    video.channel_id not in g.channels,
                    min((abs(published - d) for d in g.dates), default=PUBLISH_WINDOW)
                    if published
                    else PUBLISH_WINDOW,
                ),
            )
        else:
            movie_key = video.group_key
            if movie_key in taken:
                movie_key = f"{video.group_key}#{video.youtube_id}"
            taken.add(movie_key)
            group = _Group(
                title_key=title_key,
                movie_key=movie_key,
                year=video.parsed_year,
                title=video.parsed_title,
                new_movie=Movie(
                    title=video.parsed_title,
                    year=video.parsed_year,
                    group_key=movie_key,
                    search_title=normalise_title(video.parsed_title)[:TITLE_LENGTH],
                ),
            )
            by_title.setdefault(title_key, []).append(group)
        group.keys.add(video.group_key)
        group.channels.add(video.channel_id)
        if published is not None:
            group.dates.append(published)
        if group.new_movie is not None:
            if group.new_movie.year is None and video.parsed_year is not None:
                group.new_movie.year = group.year = video.parsed_year
            waiting_for_new.append((video, group.new_movie))
        else:
            assert group.movie_id is not None
            video.movie_id = group.movie_id
            touched.add(group.movie_id)
            if group.year is None and video.parsed_year is not None and not group.identified:
                group.year = video.parsed_year
                Movie.objects.filter(pk=group.movie_id, year__isnull=True).update(
                    year=video.parsed_year
                )
    new_movies = [
        g.new_movie for groups in by_title.values() for g in groups if g.new_movie is not None
    ]
    Movie.objects.bulk_create(new_movies, batch_size=CHUNK)
    # SQLite and PostgreSQL return the new primary keys from bulk_create.
    for video, movie in waiting_for_new:
        video.movie_id = movie.pk
    if touched:
        Movie.objects.filter(
            pk__in=touched, match_status__in=RECHECKED_STATUSES, decided_by_hand=False
        ).update(next_match_at=timezone.now())
    return len(new_movies)


def movies_split_groups(*, queryset: QuerySet[Movie]) -> int:
    """Split unidentified movies whose uploads are years apart: two campaigns, two films.

    Grouping never builds such a movie now, but older data (grouped by title alone) and a
    group that grew from both ends can hold them. The cluster with the most uploads keeps the
    movie; each other cluster becomes a pending movie of its own (uploads set by hand, and
    movies a person decided, stay as they are).
    Returns how many movies were created.
    """
    from whichmovie.catalog.services.videos import movies_refresh_latest_video  # imports us

    rows = (
        Video.objects.filter(
            movie__in=queryset.filter(tmdb_id__isnull=True, decided_by_hand=False),
            manual=False,
            published_at__isnull=False,
            kind__in=[VideoKind.TRAILER, VideoKind.TEASER],
        )
        .exclude(date_status=DateStatus.UNKNOWN)
        .order_by("movie_id", "published_at", "pk")
        .values_list("movie_id", "pk", "published_at", "group_key", "youtube_id", "parsed_title")
    )
    by_movie: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows.iterator(chunk_size=2000):
        by_movie.setdefault(row[0], []).append(row[1:])
    created = 0
    for movie_id, videos in by_movie.items():
        clusters: list[list[tuple[Any, ...]]] = [[videos[0]]]
        for video in videos[1:]:
            if video[1] - clusters[-1][-1][1] > PUBLISH_WINDOW:
                clusters.append([])
            clusters[-1].append(video)
        if len(clusters) < 2:
            continue
        keep = max(clusters, key=len)
        new_ids: list[int] = []
        with transaction.atomic():
            for cluster in clusters:
                if cluster is keep:
                    continue
                first = cluster[0]
                movie = Movie.objects.create(
                    title=first[4],
                    year=_year_of(first[2]),
                    group_key=f"{first[2]}#{first[3]}",
                    search_title=normalise_title(first[4])[:TITLE_LENGTH],
                )
                Video.objects.filter(pk__in=[v[0] for v in cluster]).update(movie=movie)
                created += 1
                new_ids.append(movie.pk)
                logger.info(
                    "split movie %s: %d uploads become movie %s", movie_id, len(cluster), movie.pk
                )
            Movie.objects.filter(pk=movie_id, decided_by_hand=False).update(
                match_status=MatchStatus.PENDING
            )
            movies_refresh_latest_video([movie_id, *new_ids])
    return created
