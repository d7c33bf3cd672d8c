"""ENRICH: match pending movies on TMDB and store what users want to know.

HTTP runs in a thread pool under the client's one rate limit; every database write happens
in the calling thread, one short transaction per movie, so an interrupted run resumes with
nothing half-written (unfinished movies are simply still pending). The work is cut into
batches claimed in the database (catalog.services.work), so runs and workers share it.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from whichmovie.catalog.models import (
    RECHECKED_STATUSES,
    DateStatus,
    Genre,
    MatchStatus,
    Movie,
    TmdbConfiguration,
    Video,
)
from whichmovie.catalog.services.grouping import movies_split_groups
from whichmovie.catalog.services.siblings import movies_join_siblings
from whichmovie.catalog.services.status import tmdb_key_record
from whichmovie.catalog.services.videos import movies_refresh_latest_video
from whichmovie.catalog.services.work import (
    BATCH_SIZE,
    Claim,
    batch_claim,
    batch_finish,
    batch_renew,
    batches_plan,
    batches_release,
    lease_holder,
    lease_seconds,
)
from whichmovie.sources.clean import clean_json
from whichmovie.sources.titles import normalise_title
from whichmovie.tmdb.client import (
    RateLimiter,
    TmdbAuthError,
    TmdbClient,
    TmdbError,
    TmdbNotFound,
    make_limiter,
)
from whichmovie.tmdb.details import movie_details
from whichmovie.tmdb.matching import Evidence, MatchResult, UploadEvidence, match_movie

logger = logging.getLogger(__name__)

CHUNK = 200  # identified movies read (and held in memory) at a time by a refresh
THREADS = 16  # enough in-flight requests to reach the rate limit at TMDB's latency
# Unsure results are looked at again after these many days (then every last one): TMDB adds
# films, and a later upload may bring the year or the description that decides.
RETRY_BACKOFF_DAYS = (1, 7, 30, 90)
LOGGED_TITLE = 120  # a 10,000-character title is logged as its start
SEARCH_TITLE_LENGTH = Movie._meta.get_field("search_title").max_length or 300


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
    """Keep TMDB's image base URL and sizes for the pages (one request per run). Its answer
    is also TMDB's verdict on the key, kept for the status page."""
    try:
        data = client.configuration()
    except TmdbAuthError as error:
        tmdb_key_record(accepted=False, error=str(error))
        raise
    TmdbConfiguration.objects.update_or_create(pk=1, defaults={"data": data})
    tmdb_key_record(accepted=True)


@dataclass
class EnrichResult:
    matched: int = 0
    needs_review: int = 0
    not_found: int = 0
    not_a_movie: int = 0
    failed: int = 0
    merged: int = 0
    split: int = 0  # movies split off a group: uploads years apart, or of different films

    @property
    def total(self) -> int:
        return self.matched + self.needs_review + self.not_found + self.not_a_movie + self.failed

    def __str__(self) -> str:
        return (
            f"{self.total} movies: {self.matched} matched, {self.needs_review} need review, "
            f"{self.not_found} not on TMDB, {self.not_a_movie} not films, "
            f"{self.failed} failed, {self.merged} merged"
            + (f", {self.split} split" if self.split else "")
        )


@dataclass(frozen=True)
class _Pending:
    id: int
    title: str
    year: int | None
    youtube_ids: tuple[str, ...]
    evidence: Evidence = Evidence()
    original_titles: tuple[str, ...] = ()
    uploads: tuple[UploadEvidence, ...] = ()  # each upload's own evidence (not set by hand)


# A bracketed part of an upload title that is a label, not the film's other title.
_BRACKET = re.compile(r"[(\[]([^()\[\]]{2,80})[)\]]")
_BRACKET_LABEL = re.compile(
    r"\b(trailer|teaser|official|clip|hd|4k|uhd|imax|subtitle\w*|subs?|vost\w*|dub\w*|"
    r"version|cut|edition|re-?release|restor\w*|remaster\w*|anniversary|\d{4}|3d|"
    r"english|french|spanish|german|korean|japanese)\b",
    re.IGNORECASE,
)


def _bracketed_titles(youtube_titles: list[str], title: str) -> tuple[str, ...]:
    """Original-language titles uploads carry in brackets: "Anatomy of a Fall (Anatomie ...)"."""
    found: dict[str, str] = {}
    wanted = normalise_title(title)
    for youtube_title in youtube_titles:
        for text in _BRACKET.findall(youtube_title):
            key = normalise_title(text)
            if key and key != wanted and not _BRACKET_LABEL.search(text):
                found.setdefault(key, text.strip())
    return tuple(found.values())[:2]


def _pending_in(queryset: Any, movie_ids: Sequence[int]) -> list[_Pending]:
    """The movies of one batch that still need the work (others did them meanwhile), with
    the evidence their uploads give."""
    rows = list(
        queryset.filter(pk__in=list(movie_ids)).order_by("pk").values_list("pk", "title", "year")
    )
    uploads: dict[int, list[tuple[Any, ...]]] = {}
    for row in (
        Video.objects.filter(movie_id__in=[r[0] for r in rows])
        .order_by("published_at", "pk")
        .values_list(
            "movie_id",
            "youtube_id",
            "youtube_title",
            "published_at",
            "description",
            "channel__name",
            "channel__language",
            "date_status",
            "parsed_year",
            "manual",
        )
    ):
        upload = list(row[1:])
        if upload[6] == DateStatus.UNKNOWN:
            upload[2] = None  # a stand-in date (undated import) only keeps the order
        uploads.setdefault(row[0], []).append(tuple(upload))
    return [_pending(pk, t, y, uploads.get(pk, [])) for pk, t, y in rows]


def _pending(pk: int, title: str, year: int | None, uploads: list[tuple[Any, ...]]) -> _Pending:
    youtube_titles = [u[1] for u in uploads]
    languages = [u[5] for u in uploads if u[5]]
    dated = [u for u in uploads if u[2] is not None]  # oldest first
    evidence = Evidence.from_uploads(
        titles=youtube_titles,
        published=[u[2].date() for u in dated],
        # Exact only when the date the matcher weighs (the earliest) came from the feed.
        published_exact=bool(dated) and min(dated, key=lambda u: u[2])[6] == DateStatus.EXACT,
        descriptions=[u[3] for u in uploads],
        channels=[u[4] for u in uploads],
        channel_language=languages[0] if languages else "",
    )
    return _Pending(
        pk,
        title,
        year,
        tuple(u[0] for u in uploads),
        evidence,
        _bracketed_titles(youtube_titles, title),
        tuple(_upload_evidence(u) for u in uploads if not u[8]),
    )


def _upload_evidence(upload: tuple[Any, ...]) -> UploadEvidence:
    youtube_id, youtube_title, published, description, channel, language, status, year = upload[:8]
    return UploadEvidence(
        youtube_id=youtube_id,
        year=year,
        evidence=Evidence.from_uploads(
            titles=[youtube_title],
            published=[published.date()] if published is not None else [],
            published_exact=status == DateStatus.EXACT,
            descriptions=[description],
            channels=[channel],
            channel_language=language or "",
        ),
    )


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
    result = EnrichResult()
    if batch_ids is None:
        result.split = movies_split_groups(queryset=base)  # before planning: splits are pending
        batch_ids = batches_plan(kind="enrich", movie_ids=base.values_list("pk", flat=True))
    # The next batch waits in the pool while the previous one is recorded, so the requests
    # never stall between batches; memory holds at most two batches.
    in_flight: deque[tuple[_Pending, Future[MatchResult]]] = deque()
    owners: deque[_Batch] = deque()
    holder = lease_holder()
    claimed = 0
    seen: list[int] = []  # the movies this run asked TMDB about
    answered = _answers_counted(progress)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="tmdb") as pool:
        try:
            while max_batches is None or claimed < max_batches:
                claim = batch_claim(kind="enrich", holder=holder, among=batch_ids)
                if claim is None:
                    break
                claimed += 1
                chunk = _pending_in(base, claim.movie_ids)
                seen.extend(p.id for p in chunk)
                batch = _Batch(claim, len(chunk), EnrichResult(), time.monotonic())
                if not chunk:
                    _batch_done(batch)
                    continue
                for p in chunk:
                    future = pool.submit(
                        match_movie,
                        client,
                        title=p.title,
                        year=p.year,
                        youtube_ids=p.youtube_ids,
                        original_titles=p.original_titles,
                        evidence=p.evidence,
                        uploads=p.uploads,
                    )
                    future.add_done_callback(answered)
                    in_flight.append((p, future))
                    owners.append(batch)
                while len(in_flight) > BATCH_SIZE:
                    _record_owned(in_flight, owners, result)
            while in_flight:
                _record_owned(in_flight, owners, result)
        finally:
            for _, future in in_flight:
                future.cancel()
            # Shutdown (SIGTERM), a rejected key or any crash: what is not finished goes back
            # at once, so another worker (or the next run) takes it without waiting.
            batches_release(holder)
    # Every film is matched now: an unsure one may follow a same-titled identified sibling.
    result.merged += movies_join_siblings(seen)
    if result.total > result.failed:
        tmdb_key_record(accepted=True)  # TMDB answered: the status page says the key works
    return result


def _answers_counted(progress: Callable[[int], None] | None) -> Callable[[Future[Any]], None]:
    """A future's callback that tells `progress` as each film's answer arrives, in any order
    and failures too (in the pool's threads, one at a time): recording is in order, so counting
    there would sit on the slowest film."""
    lock = threading.Lock()

    def answered(future: Future[Any]) -> None:
        if progress is not None and not future.cancelled():
            with lock:
                progress(1)

    return answered


def _record_owned(
    in_flight: deque[tuple[_Pending, Future[MatchResult]]],
    owners: deque[_Batch],
    result: EnrichResult,
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
            _record_next(in_flight, result)
            for key, value in asdict(result).items():
                setattr(batch.result, key, getattr(batch.result, key) + value - before[key])
    batch.left -= 1
    if batch.left == 0 and not batch.lost:
        _batch_done(batch)


def _batch_done(batch: _Batch) -> None:
    batch_finish(batch.claim, counts=asdict(batch.result))


def _record_next(
    in_flight: deque[tuple[_Pending, Future[MatchResult]]],
    result: EnrichResult,
) -> None:
    pending, future = in_flight.popleft()
    try:
        match = future.result()
    except TmdbNotFound:
        match = MatchResult(MatchStatus.NOT_FOUND, None, (), (), None, "TMDB has no such id")
    except TmdbAuthError as error:
        tmdb_key_record(accepted=False, error=str(error))  # for the status page
        raise
    except TmdbError as error:
        result.failed += 1
        logger.warning("movie %s %r: %s", pending.id, pending.title[:LOGGED_TITLE], error)
        return
    except Exception as error:
        # An answer the matcher cannot read is this film's failure, never the whole run's.
        result.failed += 1
        logger.warning(
            "movie %s %r: unreadable TMDB answer: %r",
            pending.id,
            pending.title[:LOGGED_TITLE],
            error,
        )
        return
    try:
        _record(pending, match, result)
    except (DatabaseError, ValueError, TypeError, KeyError) as error:
        # Rolled back (one transaction per film): it stays pending, the next films go on.
        result.failed += 1
        logger.warning(
            "movie %s %r not stored: %s", pending.id, pending.title[:LOGGED_TITLE], error
        )
        return


def _record(pending: _Pending, match: MatchResult, result: EnrichResult) -> None:
    details = _match_details(pending, match)
    with transaction.atomic():
        movie = Movie.objects.select_for_update().filter(pk=pending.id).first()
        if movie is None or movie.decided_by_hand:
            return  # deleted, merged or decided by a person while we were asking TMDB
        movie.match_details = details
        best_score = (
            match.best.score
            if match.best
            else (match.candidates[0].score if match.candidates else None)
        )
        # Evidence can lift a candidate past 100; the stored confidence stays a percentage.
        movie.match_score = None if best_score is None else min(100.0, best_score)
        match = _split_by_upload(movie, match, details, result)
        if match.status == MatchStatus.MATCHED and match.details is not None:
            merged = movie_apply_details(
                movie=movie, details=match.details, status=MatchStatus.MATCHED
            )
            result.matched += 1
            result.merged += int(merged)
            return
        if match.status in RECHECKED_STATUSES:
            # Not final: looked at again after a back-off (and whenever a new upload attaches).
            step = min(movie.match_attempts, len(RETRY_BACKOFF_DAYS) - 1)
            movie.match_attempts += 1
            movie.next_match_at = timezone.now() + timedelta(days=RETRY_BACKOFF_DAYS[step])
        if match.status == MatchStatus.NEEDS_REVIEW:
            movie.match_status = MatchStatus.NEEDS_REVIEW
            result.needs_review += 1
        elif match.status == MatchStatus.NOT_A_MOVIE:
            movie.match_status = MatchStatus.NOT_A_MOVIE  # hidden by Movie.objects.visible()
            result.not_a_movie += 1
            logger.info("not a film: %r (%s)", movie.title, match.explanation)
        else:
            movie.match_status = MatchStatus.NOT_FOUND
            result.not_found += 1
            logger.info("not on TMDB: %r (%s)", movie.title, movie.year or "no year")
        movie.save(
            update_fields=[
                "match_status",
                "match_score",
                "match_details",
                "match_attempts",
                "next_match_at",
                "updated_at",
            ]
        )


def _split_by_upload(
    movie: Movie, match: MatchResult, details: dict[str, Any], result: EnrichResult
) -> MatchResult:
    """Uploads of `movie` whose own evidence points at another film than the match go to
    that film (the movie that already is it, or a new one). With no film chosen (the group's
    uploads were two films at once), the movie keeps the largest share of its uploads if
    each of them points somewhere, and becomes that film. Returns the match for the rest."""
    if not match.upload_films:
        return match
    chosen = match.best.tmdb_id if match.best is not None else None
    by_film: dict[int, list[str]] = {}
    for youtube_id, tmdb_id in match.upload_films.items():
        by_film.setdefault(tmdb_id, []).append(youtube_id)
    if chosen is None and len(match.upload_films) == movie.videos.filter(manual=False).count():
        chosen = max(by_film, key=lambda f: (len(by_film[f]), -f))
        match = replace(
            match,
            status=MatchStatus.MATCHED,
            details=match.film_details[chosen],
            explanation=f"{match.explanation}; each upload on its own points at one film: "
            f"this movie is TMDB {chosen}, the others are split off",
        )
        movie.match_details = {**details, "explanation": match.explanation}
    moved = {y: f for y, f in match.upload_films.items() if f != chosen}
    movie.match_details = {**movie.match_details, "upload_films": moved}
    for tmdb_id, youtube_ids in by_film.items():
        if tmdb_id != chosen:
            _split_off(movie=movie, youtube_ids=youtube_ids, details=match.film_details[tmdb_id])
            result.split += 1
    return match


def _split_off(*, movie: Movie, youtube_ids: list[str], details: dict[str, Any]) -> None:
    """Move these uploads of `movie` onto the film `details` names: the movie that already is
    it, or a new one. Uploads set by hand stay where they are."""
    videos = list(
        Video.objects.filter(movie=movie, youtube_id__in=youtube_ids, manual=False).order_by(
            "published_at", "pk"
        )
    )
    if not videos:
        return
    target = Movie.objects.filter(tmdb_id=int(details["id"])).exclude(pk=movie.pk).first()
    if target is None:
        first = videos[0]
        key = f"{first.group_key}#{first.youtube_id}"
        target = Movie.objects.create(
            title=first.parsed_title or movie.title,
            year=first.parsed_year,
            group_key=None if Movie.objects.filter(group_key=key).exists() else key,
            match_details={
                **movie.match_details,
                "upload_films": {},
                "explanation": f"split off movie {movie.pk}: the upload's own evidence "
                f"points at TMDB {details['id']}",
            },
        )
        movie_apply_details(movie=target, details=details, status=MatchStatus.MATCHED)
    Video.objects.filter(pk__in=[v.pk for v in videos]).update(movie=target)
    movies_refresh_latest_video([movie.pk, target.pk])
    logger.info("split %d uploads of movie %s onto movie %s", len(videos), movie.pk, target.pk)


def _match_details(pending: _Pending, match: MatchResult) -> dict[str, Any]:
    details: dict[str, Any] = clean_json(_raw_match_details(pending, match))
    return details


def _raw_match_details(pending: _Pending, match: MatchResult) -> dict[str, Any]:
    return {
        "title": pending.title,
        "year": pending.year,
        "queries": list(match.queries),
        "candidates": [asdict(c) for c in match.candidates],
        "status": match.status,
        "explanation": match.explanation,
        "upload_films": {},  # uploads whose own evidence named another film, moved to it
        "evidence": {
            "published": str(pending.evidence.published or ""),
            "published_exact": pending.evidence.published_exact,
            "rerelease": pending.evidence.rerelease,
            "descriptions": len(pending.evidence.descriptions),
            "channels": list(pending.evidence.channels),
            "channel_language": pending.evidence.channel_language,
            "original_titles": list(pending.original_titles),
        },
        "decided_at": timezone.now().isoformat(),
    }


def movie_apply_details(*, movie: Movie, details: dict[str, Any], status: str) -> bool:
    """Write TMDB details onto `movie`. If another movie already holds this TMDB id, the
    two are merged into that one (all trailers kept) and True is returned."""
    fields = movie_details(details, region=settings.TMDB_REGION)
    # The other movies that hold either unique id already, in one query.
    same_ids = Q(tmdb_id=fields.tmdb_id)
    if fields.imdb_id:
        same_ids |= Q(imdb_id=fields.imdb_id)
    others = list(Movie.objects.filter(same_ids).exclude(pk=movie.pk))
    holder = next((other for other in others if other.tmdb_id == fields.tmdb_id), None)
    if holder is not None:
        movie_merge(source=movie, target=holder)
        if holder.decided_by_hand:
            return True
        movie = holder
    imdb_id = fields.imdb_id
    if imdb_id and any(other.imdb_id == imdb_id for other in others if other != movie):
        imdb_id = None  # TMDB has two entries for one IMDb title; keep the first
    title, year = fields.title or movie.title, fields.year or movie.year
    for name, value in asdict(fields).items():
        if name != "genres":
            setattr(movie, name, value)
    movie.imdb_id, movie.title, movie.year = imdb_id, title, year
    movie.search_title = normalise_title(movie.title)[:SEARCH_TITLE_LENGTH]
    movie.match_status = status
    movie.decided_by_hand = status == MatchStatus.MANUAL
    movie.match_attempts, movie.next_match_at = 0, None
    movie.enriched_at = timezone.now()
    movie.save()
    known = Genre.objects.in_bulk([id_ for id_, _ in fields.genres], field_name="tmdb_id")
    movie.genres.set(
        [known.get(id_) or genre_create(tmdb_id=id_, name=name) for id_, name in fields.genres]
    )
    return holder is not None


def genre_create(*, tmdb_id: int, name: str) -> Genre:
    """TMDB's genre, on first sight. Its slug keeps non-Latin names ("драма", "ドラマ"); a
    name with nothing to slug, or a slug taken by another genre, uses the id."""
    slug = slugify(name, allow_unicode=True)[:90] or f"genre-{tmdb_id}"
    if Genre.objects.filter(slug=slug).exists():
        slug = f"{slug[:80]}-{tmdb_id}"
    genre, _ = Genre.objects.get_or_create(tmdb_id=tmdb_id, defaults={"name": name, "slug": slug})
    return genre


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
                try:
                    with transaction.atomic():
                        movie = Movie.objects.select_for_update().filter(pk=pk).first()
                        if movie is not None and movie.tmdb_id == details.get("id"):
                            movie_apply_details(
                                movie=movie, details=details, status=movie.match_status
                            )
                            refreshed += 1
                except (DatabaseError, ValueError, TypeError, KeyError) as error:
                    logger.warning("refresh of movie %s not stored: %s", pk, error)
    return refreshed


def refresh_batches_plan() -> list[int]:
    """The identified films due for a refresh, planned into batches (found again if open)."""
    return batches_plan(
        kind="refresh",
        movie_ids=Movie.objects.needing_refresh()
        .filter(tmdb_id__isnull=False)
        .values_list("pk", flat=True),
    )


def movies_refresh_batch(
    *, client: TmdbClient, batch_ids: Sequence[int] | None = None, threads: int = THREADS
) -> int:
    """`movies_refresh` over films due for it, in batches claimed like enrichment's."""
    if batch_ids is None:
        batch_ids = refresh_batches_plan()
    refreshed = 0
    holder = lease_holder()
    try:
        while claim := batch_claim(kind="refresh", holder=holder, among=batch_ids):
            count = movies_refresh(
                client=client,
                queryset=Movie.objects.filter(pk__in=claim.movie_ids),
                threads=threads,
            )
            batch_finish(claim, counts={"refreshed": count})
            refreshed += count
    finally:
        batches_release(holder)  # what an error or a shutdown interrupted goes back at once
    return refreshed
