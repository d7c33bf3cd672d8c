"""From the pipeline to Events and Deliveries: who must hear about what.

`events_collect` looks at what happened since its last run (new uploads of identified films,
release dates reached), matches it against every follow, and records one Event per happening
and one pending Delivery per (event, target). Running it twice, or in two workers at once,
creates nothing twice: events and deliveries are unique on their natural keys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from whichmovie.catalog.models import MatchStatus, Movie, Video
from whichmovie.radar.models import (
    Delivery,
    DeliveryStatus,
    Event,
    EventKind,
    Follow,
    FollowKind,
    MarkState,
    MovieMark,
    NotificationTarget,
    RadarState,
    Schedule,
    Wants,
)
from whichmovie.radar.services.follows import person_key
from whichmovie.web.filters import FilterError, MovieFilters

# An upload published longer ago than this is an old trailer we only now read (a channel's
# first fetch reads 200 of them): not news.
NEWS_DAYS = 14
# A film still being matched holds the upload watermark back, so its trailers are told once
# it is identified; after this long in review it stops holding it.
HOLD_DAYS = 14
# A laptop that slept for a month does not announce a month of release dates.
MAX_RELEASE_CATCH_UP_DAYS = 7
DIGEST_HOUR = 8  # UTC: daily digests go out at 08:00, weekly ones on Mondays
UNDECIDED = (MatchStatus.PENDING, MatchStatus.NEEDS_REVIEW)
DELIVERY_BATCH = 5000


@dataclass
class CollectResult:
    events: int = 0
    deliveries: int = 0

    def __str__(self) -> str:
        return f"{self.events} events, {self.deliveries} notifications queued"


@dataclass(frozen=True)
class _Happening:
    key: str
    kind: str
    movie_id: int
    video_id: int | None
    day: date | None
    channel_id: int | None
    seen_at: datetime | None  # when we first saw the upload (trailers only)


def next_digest_at(schedule: str, *, now: datetime) -> datetime:
    at = now.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if at <= now:
        at += timedelta(days=1)
    if schedule == Schedule.WEEKLY:
        at += timedelta(days=(7 - at.weekday()) % 7)
    return at


def events_collect(*, now: datetime | None = None) -> CollectResult:
    now = now or timezone.now()
    with transaction.atomic():
        state, _ = RadarState.objects.select_for_update().get_or_create(pk=1)
        trailers, watermark = _new_trailers(state.videos_done_id, now=now)
        start = state.releases_done_through or now.date() - timedelta(days=1)
        start = max(start, now.date() - timedelta(days=MAX_RELEASE_CATCH_UP_DAYS))
        releases = _releases_reached(after=start, through=now.date())
        result = _record(trailers + releases, now=now)
        state.videos_done_id = watermark
        state.releases_done_through = now.date()
        state.save()
    return result


def _new_trailers(done_id: int, *, now: datetime) -> tuple[list[_Happening], int]:
    rows = (
        Video.objects.trailers()
        .filter(pk__gt=done_id, movie__isnull=False)
        .values_list(
            "pk",
            "youtube_id",
            "movie_id",
            "channel_id",
            "published_at",
            "first_seen_at",
            "movie__tmdb_id",
            "movie__match_status",
        )
        .order_by("pk")
    )
    happenings, held = [], None
    news_since = now - timedelta(days=NEWS_DAYS)
    for pk, youtube_id, movie_id, channel_id, published, seen, tmdb_id, status in rows:
        if tmdb_id is None:
            if status in UNDECIDED and seen >= now - timedelta(days=HOLD_DAYS) and held is None:
                held = pk
            continue
        if published is not None and published < news_since:
            continue
        happenings.append(
            _Happening(
                f"trailer:{youtube_id}", EventKind.TRAILER, movie_id, pk, None, channel_id, seen
            )
        )
    newest = Video.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    watermark = held - 1 if held is not None else max(newest, done_id)
    return happenings, watermark


def _releases_reached(*, after: date, through: date) -> list[_Happening]:
    if after >= through:
        return []
    window = (after + timedelta(days=1), through)
    cinema = Q(theatrical_release_date__range=window) | Q(
        theatrical_release_date__isnull=True, release_date__range=window
    )
    movies = Movie.objects.filter(tmdb_id__isnull=False).filter(
        cinema | Q(digital_release_date__range=window)
    )
    happenings = []
    for pk, theatrical, first, digital in movies.values_list(
        "pk", "theatrical_release_date", "release_date", "digital_release_date"
    ):
        day = theatrical or first
        if day and window[0] <= day <= window[1]:
            happenings.append(
                _Happening(f"cinema:{pk}:{day}", EventKind.CINEMA, pk, None, day, None, None)
            )
        if digital and window[0] <= digital <= window[1] and digital != day:
            happenings.append(
                _Happening(f"home:{pk}:{digital}", EventKind.HOME, pk, None, digital, None, None)
            )
    return happenings


def _record(happenings: list[_Happening], *, now: datetime) -> CollectResult:
    result = CollectResult()
    if not happenings:
        return result
    audience = _audience(happenings, now=now)
    wanted = [h for h in happenings if audience.get(h.key)]
    if not wanted:
        return result
    # Uploads held back by a film still being matched are looked at again: only new
    # events count; their deliveries are unique on (event, target) anyway.
    events_before = Event.objects.count()
    Event.objects.bulk_create(
        [
            Event(key=h.key, kind=h.kind, movie_id=h.movie_id, video_id=h.video_id, day=h.day)
            for h in wanted
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    result.events = Event.objects.count() - events_before
    event_ids = dict(Event.objects.filter(key__in=[h.key for h in wanted]).values_list("key", "pk"))
    users = {user for h in wanted for user in audience[h.key]}
    targets: dict[int, list[tuple[int, datetime]]] = defaultdict(list)
    for target_id, user_id, schedule in NotificationTarget.objects.filter(
        user_id__in=users, enabled=True
    ).values_list("pk", "user_id", "schedule"):
        due_at = now if schedule == Schedule.IMMEDIATE else next_digest_at(schedule, now=now)
        targets[user_id].append((target_id, due_at))
    rows = [
        (event_ids[h.key], target_id, due_at)
        for h in wanted
        for user_id in audience[h.key]
        for target_id, due_at in targets[user_id]
    ]
    result.deliveries = _insert_deliveries(rows)
    return result


def _insert_deliveries(rows: list[tuple[int, int, datetime]]) -> int:
    """One pending Delivery per (event, target), skipping pairs that exist: plain
    INSERT ... ON CONFLICT DO NOTHING (SQLite and PostgreSQL), because building a model
    instance per row costs ten times the insert itself at 100,000 rows."""
    if not rows:
        return 0
    table = Delivery._meta.db_table
    sql = (
        f"INSERT INTO {table} (event_id, target_id, due_at, status, attempts, claim, "  # noqa: S608
        "last_error) VALUES (%s, %s, %s, %s, 0, '', '') ON CONFLICT (event_id, target_id) "
        "DO NOTHING"
    )
    adapt = connection.ops.adapt_datetimefield_value
    before = Delivery.objects.count()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), DELIVERY_BATCH):
            cursor.executemany(
                sql,
                [
                    (event_id, target_id, adapt(due_at), DeliveryStatus.PENDING.value)
                    for event_id, target_id, due_at in rows[start : start + DELIVERY_BATCH]
                ],
            )
    return Delivery.objects.count() - before


type _Entry = tuple[int, str, datetime]  # user id, what the follow wants, when it began


@dataclass
class _Followers:
    """Every follow that may match the happenings, indexed by what it follows."""

    by_movie: dict[int, list[_Entry]]
    by_channel: dict[int, list[_Entry]]
    by_person: dict[str, list[_Entry]]
    by_query: dict[str, list[_Entry]]
    hidden: set[tuple[int, int]]  # (user id, movie id): the user hid the film


def _audience(happenings: list[_Happening], *, now: datetime) -> dict[str, set[int]]:
    """Event key -> the ids of the users who follow something it matches."""
    movie_ids = {h.movie_id for h in happenings}
    trailer_ids = [h.video_id for h in happenings if h.video_id is not None]
    followers = _followers(movie_ids)
    people = _people_of(movie_ids) if followers.by_person else {}
    matches = _search_matches(followers.by_query, movie_ids, trailer_ids, now=now)
    return {
        h.key: {
            user_id
            for user_id, wants, created in _candidates(h, followers, people, matches)
            if (user_id, h.movie_id) not in followers.hidden and _is_news(h, wants, created)
        }
        for h in happenings
    }


def _followers(movie_ids: set[int]) -> _Followers:
    followers = _Followers(
        by_movie=defaultdict(list),
        by_channel=defaultdict(list),
        by_person=defaultdict(list),
        by_query=defaultdict(list),
        hidden=set(),
    )
    for user_id, kind, movie_id, channel_id, person, query, wants, created in Follow.objects.filter(
        Q(kind=FollowKind.MOVIE, movie_id__in=movie_ids) | ~Q(kind=FollowKind.MOVIE)
    ).values_list(
        "user_id", "kind", "movie_id", "channel_id", "person", "query", "wants", "created_at"
    ):
        entry = (user_id, wants, created)
        if kind == FollowKind.MOVIE:
            followers.by_movie[movie_id].append(entry)
        elif kind == FollowKind.CHANNEL:
            followers.by_channel[channel_id].append(entry)
        elif kind == FollowKind.PERSON:
            followers.by_person[person].append(entry)
        else:
            followers.by_query[query].append(entry)
    for user_id, movie_id, state, created in MovieMark.objects.filter(
        movie_id__in=movie_ids
    ).values_list("user_id", "movie_id", "state", "created_at"):
        if state == MarkState.HIDDEN:
            followers.hidden.add((user_id, movie_id))
        else:  # a watchlisted film is followed for everything
            followers.by_movie[movie_id].append((user_id, Wants.BOTH, created))
    return followers


def _candidates(
    h: _Happening,
    followers: _Followers,
    people: dict[int, set[str]],
    matches: dict[str, tuple[set[int], set[int]]],
) -> list[_Entry]:
    """The follows a happening matches: its film, its channel, its people, saved searches."""
    candidates = list(followers.by_movie.get(h.movie_id, []))
    if h.channel_id is not None:
        candidates += followers.by_channel.get(h.channel_id, [])
    for name in people.get(h.movie_id, ()):
        candidates += followers.by_person.get(name, [])
    found = h.video_id if h.video_id is not None else h.movie_id
    for query, entries in followers.by_query.items():
        if found in matches[query][h.kind == EventKind.TRAILER]:
            candidates += entries
    return candidates


def _is_news(h: _Happening, wants: str, created: datetime) -> bool:
    """Whether a follow wants to hear of this happening."""
    if h.kind == EventKind.TRAILER:
        # Only uploads first seen after the follow began are news to it.
        return wants != Wants.RELEASES and (h.seen_at is None or h.seen_at >= created)
    return wants != Wants.TRAILERS


def _people_of(movie_ids: Iterable[int]) -> dict[int, set[str]]:
    people: dict[int, set[str]] = {}
    for pk, directors, cast in Movie.objects.filter(pk__in=movie_ids).values_list(
        "pk", "directors", "cast"
    ):
        names = [d for d in directors or [] if isinstance(d, str)]
        names += [str(c.get("name", "")) if isinstance(c, dict) else str(c) for c in cast or []]
        people[pk] = {person_key(name) for name in names if name}
    return people


def _search_matches(
    by_query: dict[str, Any], movie_ids: set[int], trailer_ids: list[int], *, now: datetime
) -> dict[str, tuple[set[int], set[int]]]:
    """Saved search -> (film ids it matches, upload ids it matches): two queries each."""
    matches: dict[str, tuple[set[int], set[int]]] = {}
    for query in by_query:
        try:
            filters = MovieFilters.from_params(QueryDict(query))
        except FilterError:  # a channel or genre that no longer exists matches nothing
            matches[query] = (set(), set())
            continue
        films = set(
            filters.apply(Movie.objects.filter(pk__in=movie_ids), now=now).values_list(
                "pk", flat=True
            )
        )
        uploads = (
            set(
                filters.apply_to_videos(
                    Video.objects.filter(pk__in=trailer_ids), now=now
                ).values_list("pk", flat=True)
            )
            if trailer_ids
            else set()
        )
        matches[query] = (films, uploads)
    return matches
