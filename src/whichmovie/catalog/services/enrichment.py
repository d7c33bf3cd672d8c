"""ENRICH: match pending movies on TMDB and store what users want to know.

HTTP runs in a thread pool under the client's one rate limit; every database write happens
in the calling thread, one short transaction per movie, so an interrupted run resumes with
nothing half-written (unfinished movies are simply still pending). The work is cut into
batches claimed in the database (catalog.services.work), so runs and workers share it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from whichmovie.catalog.models import (
    DECIDED_STATUSES,
    Genre,
    MatchStatus,
    Movie,
    TmdbConfiguration,
    Video,
)
from whichmovie.catalog.services.videos import movies_refresh_latest_video
from whichmovie.catalog.services.work import (
    BATCH_SIZE,
    Claim,
    batch_claim,
    batch_finish,
    batch_release,
    batch_renew,
    batches_plan,
    lease_seconds,
)
from whichmovie.sources.titles import normalise_title
from whichmovie.tmdb.client import (
    RateLimiter,
    TmdbAuthError,
    TmdbClient,
    TmdbError,
    TmdbNotFound,
    make_limiter,
)
from whichmovie.tmdb.matching import MatchResult, match_movie

logger = logging.getLogger(__name__)

CHUNK = 200  # identified movies read (and held in memory) at a time by a refresh
THREADS = 16  # enough in-flight requests to reach the rate limit at TMDB's latency


_limiters: dict[tuple[float, str], RateLimiter] = {}
_limiters_lock = threading.Lock()


def tmdb_limiter() -> RateLimiter:
    """One limiter per process, shared by every client it builds: a worker runs several
    batches at once, and each must not get the whole limit to itself."""
    key = (float(settings.TMDB_RATE_LIMIT), settings.REDIS_URL or "")
    with _limiters_lock:
        if key not in _limiters:
            _limiters[key] = make_limiter(key[0], key[1] or None)
        return _limiters[key]


def tmdb_client() -> TmdbClient:
    return TmdbClient(
        api_url=settings.TMDB_API_URL,
        api_key=settings.TMDB_API_KEY,
        read_access_token=settings.TMDB_READ_ACCESS_TOKEN,
        language=settings.TMDB_LANGUAGE,
        region=settings.TMDB_REGION,
        # Shared by every worker when distributed: one quota for the whole installation.
        limiter=tmdb_limiter(),
    )


def tmdb_configuration_refresh(*, client: TmdbClient) -> None:
    """Keep TMDB's image base URL and sizes for the pages (one request per run)."""
    TmdbConfiguration.objects.update_or_create(pk=1, defaults={"data": client.configuration()})


@dataclass
class EnrichResult:
    matched: int = 0
    needs_review: int = 0
    not_found: int = 0
    not_a_movie: int = 0
    failed: int = 0
    merged: int = 0

    @property
    def total(self) -> int:
        return self.matched + self.needs_review + self.not_found + self.not_a_movie + self.failed

    def __str__(self) -> str:
        return (
            f"{self.total} movies: {self.matched} matched, {self.needs_review} need review, "
            f"{self.not_found} not on TMDB, {self.not_a_movie} not films, "
            f"{self.failed} failed, {self.merged} merged"
        )


@dataclass(frozen=True)
class _Pending:
    id: int
    title: str
    year: int | None
    youtube_ids: tuple[str, ...]


def _pending_in(queryset: Any, movie_ids: Sequence[int]) -> list[_Pending]:
    """The movies of one batch that still need the work (others did them meanwhile)."""
    rows = list(
        queryset.filter(pk__in=list(movie_ids)).order_by("pk").values_list("pk", "title", "year")
    )
    youtube_ids: dict[int, list[str]] = {}
    for movie_id, youtube_id in Video.objects.filter(movie_id__in=[r[0] for r in rows]).values_list(
        "movie_id", "youtube_id"
    ):
        youtube_ids.setdefault(movie_id, []).append(youtube_id)
    return [_Pending(pk, t, y, tuple(youtube_ids.get(pk, ()))) for pk, t, y in rows]


@dataclass
class _Batch:
    claim: Claim
    left: int
    result: EnrichResult
    renewed: float
    lost: bool = False


def movies_enrich(
    *,
    client: TmdbClient,
    queryset: Any = None,
    progress: Callable[[int], None] | None = None,
    threads: int = THREADS,
    batch_ids: Sequence[int] | None = None,
    max_batches: int | None = None,
) -> EnrichResult:
    """Match every pending movie (or those of `queryset`), batch by batch: each batch of
    about 50 movies is claimed in the database (catalog.services.work), so concurrent runs
    and workers share the work instead of repeating it. With `batch_ids`, only those batches
    (a worker's message) are worked on. A rejected key (TmdbAuthError) stops the run at once
    and gives its batches back; a film TMDB cannot answer for stays pending for the next run."""
    base = Movie.objects.needing_enrichment() if queryset is None else queryset
    if batch_ids is None:
        batch_ids = batches_plan(kind="enrich", movie_ids=base.values_list("pk", flat=True))
    result = EnrichResult()
    # The next batch waits in the pool while the previous one is recorded, so the requests
    # never stall between batches; memory holds at most two batches.
    in_flight: deque[tuple[_Pending, Future[MatchResult]]] = deque()
    owners: deque[_Batch] = deque()
    held: list[_Batch] = []
    claimed = 0
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="tmdb") as pool:
        try:
            while max_batches is None or claimed < max_batches:
                claim = batch_claim(kind="enrich", among=batch_ids)
                if claim is None:
                    break
                claimed += 1
                chunk = _pending_in(base, claim.movie_ids)
                batch = _Batch(claim, len(chunk), EnrichResult(), time.monotonic())
                held.append(batch)
                if not chunk:
                    _batch_done(batch, held)
                    continue
                for p in chunk:
                    in_flight.append(
                        (
                            p,
                            pool.submit(
                                match_movie,
                                client,
                                title=p.title,
                                year=p.year,
                                youtube_ids=p.youtube_ids,
                            ),
                        )
                    )
                    owners.append(batch)
                while len(in_flight) > BATCH_SIZE:
                    _record_owned(in_flight, owners, result, progress, held)
            while in_flight:
                _record_owned(in_flight, owners, result, progress, held)
        finally:
            for _, future in in_flight:
                future.cancel()
            # Shutdown (SIGTERM), a rejected key or any crash: what is not finished goes back
            # at once, so another worker (or the next run) takes it without waiting.
            for batch in held:
                batch_release(batch.claim)
    return result


def _record_owned(
    in_flight: deque[tuple[_Pending, Future[MatchResult]]],
    owners: deque[_Batch],
    result: EnrichResult,
    progress: Callable[[int], None] | None,
    held: list[_Batch],
) -> None:
    batch = owners.popleft()
    if batch.lost:
        in_flight.popleft()[1].cancel()
    else:
        if time.monotonic() - batch.renewed > lease_seconds() / 3:
            batch.renewed = time.monotonic()
            batch.lost = not batch_renew(batch.claim)
        if batch.lost:
            # The lease ran out and another worker has the batch: leave the rest to it.
            logger.warning("lost the lease on enrich batch %s", batch.claim.batch_id)
            in_flight.popleft()[1].cancel()
        else:
            before = asdict(result)
            _record_next(in_flight, result, progress)
            for key, value in asdict(result).items():
                setattr(batch.result, key, getattr(batch.result, key) + value - before[key])
    batch.left -= 1
    if batch.left == 0:
        if batch.lost:
            held.remove(batch)
        else:
            _batch_done(batch, held)


def _batch_done(batch: _Batch, held: list[_Batch]) -> None:
    batch_finish(batch.claim, counts=asdict(batch.result))
    held.remove(batch)


def _record_next(
    in_flight: deque[tuple[_Pending, Future[MatchResult]]],
    result: EnrichResult,
    progress: Callable[[int], None] | None,
) -> None:
    pending, future = in_flight.popleft()
    try:
        match = future.result()
    except TmdbNotFound:
        match = MatchResult("not_found", None, (), (), None, "TMDB has no such id")
    except TmdbAuthError:
        raise
    except TmdbError as error:
        result.failed += 1
        logger.warning("movie %s %r: %s", pending.id, pending.title, error)
        return
    _record(pending, match, result)
    if progress:
        progress(1)


def _record(pending: _Pending, match: MatchResult, result: EnrichResult) -> None:
    details = _match_details(pending, match)
    with transaction.atomic():
        movie = Movie.objects.select_for_update().filter(pk=pending.id).first()
        if movie is None or movie.match_status in DECIDED_STATUSES:
            return  # deleted, merged or decided by a person while we were asking TMDB
        movie.match_details = details
        movie.match_score = (
            match.best.score
            if match.best
            else (match.candidates[0].score if match.candidates else None)
        )
        if match.status == "matched" and match.details is not None:
            merged = movie_apply_details(
                movie=movie, details=match.details, status=MatchStatus.MATCHED
            )
            result.matched += 1
            result.merged += int(merged)
            return
        if match.status == "needs_review":
            movie.match_status = MatchStatus.NEEDS_REVIEW
            result.needs_review += 1
        elif match.status == "not_a_movie":
            movie.match_status = MatchStatus.NOT_A_MOVIE  # hidden by Movie.objects.visible()
            result.not_a_movie += 1
            logger.info("not a film: %r (%s)", movie.title, match.explanation)
        else:
            movie.match_status = MatchStatus.NOT_FOUND
            result.not_found += 1
            logger.info("not on TMDB: %r (%s)", movie.title, movie.year or "no year")
        movie.save(update_fields=["match_status", "match_score", "match_details", "updated_at"])


def _match_details(pending: _Pending, match: MatchResult) -> dict[str, Any]:
    return {
        "title": pending.title,
        "year": pending.year,
        "queries": list(match.queries),
        "candidates": [asdict(c) for c in match.candidates],
        "status": match.status,
        "explanation": match.explanation,
        "decided_at": timezone.now().isoformat(),
    }


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def movie_apply_details(*, movie: Movie, details: dict[str, Any], status: str) -> bool:
    """Write TMDB details onto `movie`. If another movie already holds this TMDB id, the
    two are merged into that one (all trailers kept) and True is returned."""
    tmdb_id = int(details["id"])
    holder = Movie.objects.filter(tmdb_id=tmdb_id).exclude(pk=movie.pk).first()
    if holder is not None:
        movie_merge(source=movie, target=holder)
        if holder.match_status in DECIDED_STATUSES:
            return True
        movie = holder
    region = settings.TMDB_REGION
    external = details.get("external_ids") or {}
    imdb_id = details.get("imdb_id") or external.get("imdb_id") or None
    if imdb_id and Movie.objects.filter(imdb_id=imdb_id).exclude(pk=movie.pk).exists():
        imdb_id = None  # TMDB has two entries for one IMDb title; keep the first
    movie.tmdb_id = tmdb_id
    movie.imdb_id = imdb_id
    movie.title = details.get("title") or movie.title
    movie.original_title = details.get("original_title") or ""
    movie.original_language = details.get("original_language") or ""
    movie.overview = details.get("overview") or ""
    movie.tagline = details.get("tagline") or ""
    movie.release_date = _date(details.get("release_date"))
    movie.year = movie.release_date.year if movie.release_date else movie.year
    movie.runtime = details.get("runtime") or None
    movie.vote_average = details.get("vote_average")
    movie.vote_count = details.get("vote_count")
    movie.popularity = details.get("popularity")
    movie.poster_path = details.get("poster_path") or ""
    movie.backdrop_path = details.get("backdrop_path") or ""
    credits = details.get("credits") or {}
    movie.directors = [c["name"] for c in credits.get("crew", []) if c.get("job") == "Director"]
    movie.cast = [
        {
            "name": c.get("name"),
            "character": c.get("character"),
            "profile_path": c.get("profile_path"),
        }
        for c in sorted(credits.get("cast", []), key=lambda c: c.get("order", 0))[:10]
    ]
    releases: list[dict[str, Any]] = next(
        (
            r.get("release_dates", [])
            for r in (details.get("release_dates") or {}).get("results", [])
            if r.get("iso_3166_1") == region
        ),
        [],
    )
    movie.certification = next((r["certification"] for r in releases if r.get("certification")), "")
    movie.theatrical_release_date = min(
        (d for r in releases if r.get("type") in (2, 3) and (d := _date(r.get("release_date")))),
        default=None,
    )
    movie.digital_release_date = min(
        (d for r in releases if r.get("type") == 4 and (d := _date(r.get("release_date")))),
        default=None,
    )
    movie.watch_providers = (details.get("watch/providers") or {}).get("results", {}).get(
        region
    ) or {}
    movie.search_title = normalise_title(movie.title)
    movie.match_status = status
    movie.enriched_at = timezone.now()
    movie.save()
    movie.genres.set(
        [
            Genre.objects.get_or_create(
                tmdb_id=g["id"], defaults={"name": g["name"], "slug": slugify(g["name"])}
            )[0]
            for g in details.get("genres", [])
        ]
    )
    return holder is not None


def movie_merge(*, source: Movie, target: Movie) -> None:
    """Move every video of `source` onto `target`, then delete `source`."""
    with transaction.atomic():
        # Videos keep their group key, so later uploads of `source` still find `target`.
        Video.objects.filter(movie=source).update(movie=target)
        source.delete()
        movies_refresh_latest_video([target.pk])


def movies_refresh(*, client: TmdbClient, queryset: Any, threads: int = THREADS) -> int:
    """Fetch fresh details for already identified films; their match is kept as it is."""
    refreshed = 0
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="tmdb") as pool:
        last_id = 0
        while rows := list(
            queryset.filter(pk__gt=last_id, tmdb_id__isnull=False)
            .order_by("pk")
            .values_list("pk", "tmdb_id")[:CHUNK]
        ):
            last_id = rows[-1][0]
            futures = [(pk, pool.submit(client.movie_details, tmdb_id)) for pk, tmdb_id in rows]
            for pk, future in futures:
                try:
                    details = future.result()
                except TmdbAuthError:
                    raise
                except TmdbError as error:
                    logger.warning("refresh of movie %s failed: %s", pk, error)
                    continue
                with transaction.atomic():
                    movie = Movie.objects.select_for_update().filter(pk=pk).first()
                    if movie is not None and movie.tmdb_id == details.get("id"):
                        movie_apply_details(movie=movie, details=details, status=movie.match_status)
                        refreshed += 1
    return refreshed


def movies_refresh_batch(
    *, client: TmdbClient, batch_ids: Sequence[int] | None = None, threads: int = THREADS
) -> int:
    """`movies_refresh` over films due for it, in batches claimed like enrichment's."""
    if batch_ids is None:
        batch_ids = batches_plan(
            kind="refresh",
            movie_ids=Movie.objects.needing_refresh()
            .filter(tmdb_id__isnull=False)
            .values_list("pk", flat=True),
        )
    refreshed = 0
    while claim := batch_claim(kind="refresh", among=batch_ids):
        try:
            count = movies_refresh(
                client=client,
                queryset=Movie.objects.filter(pk__in=claim.movie_ids),
                threads=threads,
            )
        except BaseException:
            batch_release(claim)
            raise
        batch_finish(claim, counts={"refreshed": count})
        refreshed += count
    return refreshed
