"""Whole runs of the pipeline, one function per use case: check channels now, import dumps,
enrich (or refresh) on TMDB; `whichmovie sync` is the first, then the last. The command, the
actor, the admin and the API call these in one line each; argument parsing and output stay
with them.

Each run works in-process on the embedded default; with BROKER_URL it sends fine-grained
messages to the workers and (unless told not to) waits for them, by what the database says
(batches, job runs), so waiting survives a broker restart and lost batches are sent again.
A run that changed something ends with `pipeline_ran`, so whoever follows it has been told
when the run returns (the radar app listens; catalog never imports it).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from django.conf import settings
from django.db import transaction

from whichmovie.catalog.locks import transaction_lock
from whichmovie.catalog.models import Channel, Movie
from whichmovie.catalog.services.channels import FetchOutcome, channel_fetch, channel_for_listing
from whichmovie.catalog.services.enrichment import (
    EnrichResult,
    movies_enrich,
    movies_refresh_batch,
    refresh_batches_plan,
    tmdb_client,
    tmdb_configuration_refresh,
)
from whichmovie.catalog.services.grouping import movies_split_groups
from whichmovie.catalog.services.videos import SaveResult, videos_save
from whichmovie.catalog.services.work import (
    batches_counts,
    batches_plan,
    batches_progress,
    batches_resend_due,
    job_runs_finished,
)
from whichmovie.catalog.services.youtube_status import youtube_health
from whichmovie.catalog.signals import pipeline_ran
from whichmovie.sources.youtube import ChannelListing, listing_from_dump
from whichmovie.tmdb.client import TmdbClient

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5
STALLED_SECONDS = 60  # no progress for this long: say what may be wrong, once


@dataclass(frozen=True)
class Progress:
    """How far a run is, told as it goes (a command draws it as a bar)."""

    label: str
    done: int
    total: int
    # Read whenever the bar is drawn: the TMDB requests sent so far move while the first
    # films are still being matched (each is several requests under one shared rate limit).
    note: Callable[[], str] = lambda: ""


Report = Callable[[Progress], None]


def _ignore(progress: Progress) -> None:
    pass


def pipeline_finished() -> list[str]:
    """Tell the listeners (the radar: notifications) that a run changed the catalogue; their
    one-line summaries, for the command to print."""
    return [line for _, line in pipeline_ran.send(sender=Channel) if line]


# -- FETCH: check channels now ----------------------------------------------------------------


class UnknownChannel(ValueError):
    pass


@dataclass
class ChannelsChecked:
    channels: int
    saved: SaveResult = field(default_factory=SaveResult)
    outcomes: list[FetchOutcome] = field(default_factory=list)  # embedded: one per channel
    failed: int = 0
    feeds_failed: int = 0  # channels read from the listing because their feed failed
    warnings: list[str] = field(default_factory=list)  # YouTube-wide (outage, pause, yt-dlp)
    sent: int | None = None  # distributed, not waited for: checks sent to the workers
    told: list[str] = field(default_factory=list)  # the listeners' summaries

    @property
    def failures(self) -> list[str]:
        return [f"{outcome.channel}: {outcome.error}" for outcome in self.outcomes if outcome.error]


def channels_check(
    *, slugs: Sequence[str] = (), wait: bool = True, progress: Report = _ignore
) -> ChannelsChecked:
    """Check channels now: the given slugs (enabled or not), or every enabled channel.
    UnknownChannel names unknown slugs before anything is done."""
    if slugs:
        channels = list(Channel.objects.filter(slug__in=slugs))
    else:
        channels = list(Channel.objects.filter(enabled=True))
    if missing := set(slugs) - {channel.slug for channel in channels}:
        raise UnknownChannel(f"unknown channel: {', '.join(sorted(missing))}")
    if settings.BROKER_URL:
        checked = _channels_check_distributed(channels, wait=wait, progress=progress)
    else:
        checked = ChannelsChecked(channels=len(channels))
        label = "Fetching channels"
        progress(Progress(label, 0, len(channels)))
        for done, channel in enumerate(channels, start=1):
            outcome = channel_fetch(channel=channel)
            checked.outcomes.append(outcome)
            checked.feeds_failed += bool(outcome.feed_error)
            checked.failed += bool(outcome.error)
            if outcome.result and not outcome.error:
                checked.saved += outcome.result
            progress(Progress(label, done, len(channels)))
        checked.warnings = youtube_health().warnings
    checked.told = pipeline_finished()
    return checked


def _channels_check_distributed(
    channels: list[Channel], *, wait: bool, progress: Report
) -> ChannelsChecked:
    """One message per channel check; the workers do them, this waits for their runs."""
    from whichmovie.catalog.tasks import fetch_channel

    message_ids = [fetch_channel.send(channel.pk).message_id for channel in channels]
    checked = ChannelsChecked(channels=len(channels))
    if not wait:
        checked.sent = len(message_ids)
        return checked
    runs = messages_wait(message_ids, label="Fetching channels (workers)", progress=progress)
    for run in runs.values():
        counts = getattr(run, "counts", {}) or {}
        checked.failed += int(counts.get("failed", 0)) or int(getattr(run, "status", "") != "done")
        checked.saved += SaveResult(
            *(int(counts.get(k, 0)) for k in ("created", "updated", "unchanged", "movies_created"))
        )
    return checked


def channels_reconcile_send() -> int:
    """The weekly full listings are the heaviest YouTube work: spread them evenly over hours."""
    import random

    from whichmovie.catalog.tasks import reconcile_channel

    channel_ids = list(Channel.objects.filter(enabled=True).values_list("pk", flat=True))
    spread_ms = settings.RECONCILE_SPREAD_HOURS * 3600 * 1000
    step = spread_ms // max(1, len(channel_ids))
    for index, channel_id in enumerate(channel_ids):
        delay = index * step + random.randint(0, settings.CHANNEL_JITTER_SECONDS * 1000)
        reconcile_channel.send_with_options(args=(channel_id,), delay=delay)
    return len(channel_ids)


# Enrichment is sent after the checks with this delay, so it finds what they saved.
ENRICH_AFTER_SYNC_MS = 2 * 60 * 1000


def catalog_sync_send() -> int:
    """The status page's "sync now": the actors the schedule sends, now (one check per
    enabled channel, then enrichment a little later); the number of checks sent."""
    from whichmovie.catalog.tasks import enrich_movies, fetch_channel

    channel_ids = list(Channel.objects.filter(enabled=True).values_list("pk", flat=True))
    for channel_id in channel_ids:
        fetch_channel.send(channel_id)
    enrich_movies.send_with_options(delay=ENRICH_AFTER_SYNC_MS)
    return len(channel_ids)


# -- FETCH from files: yt-dlp dumps -------------------------------------------------------------


@dataclass
class DumpImported:
    file: Path
    channel: Channel | None = None
    result: SaveResult | None = None
    skipped: list[str] = field(default_factory=list)  # the entries' reasons
    undated: int = 0
    uploads: int = 0
    refused: str = ""  # why nothing was imported from the file


@dataclass
class DumpsImported:
    files: list[DumpImported]
    told: list[str] = field(default_factory=list)

    @property
    def saved(self) -> SaveResult:
        total = SaveResult()
        for file in self.files:
            total += file.result or SaveResult()
        return total

    @property
    def refused(self) -> list[DumpImported]:
        return [file for file in self.files if file.refused]


def dumps_import(*, files: Sequence[Path]) -> DumpsImported:
    """Each file is imported whole or not at all; a refused file never stops the others."""
    imported = DumpsImported(files=[])
    for file in files:
        report = DumpImported(file=file)
        imported.files.append(report)
        try:
            listing = _read_dump(file)
        except ValueError as error:
            report.refused = f"{error}; nothing was imported from it"
            continue
        report.skipped, report.undated = list(listing.skipped), listing.undated
        report.uploads = len(listing.uploads)
        with transaction.atomic():
            transaction_lock("videos-save")  # two imports of a new channel's dump at once
            report.channel = channel_for_listing(listing=listing)
            report.result = videos_save(
                channel=report.channel, uploads=listing.uploads, exact_dates=False
            )
    imported.told = pipeline_finished()
    return imported


def _read_dump(file: Path) -> ChannelListing:
    """The listing of one dump file, or ValueError with one line saying why not."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"cannot read {file}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise ValueError(f"{file} is not UTF-8 text, so not a yt-dlp JSON dump") from error
    try:
        dump = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{file} is not valid JSON ({error})") from error
    except RecursionError as error:
        raise ValueError(f"{file} is JSON nested too deeply to be a yt-dlp dump") from error
    try:
        listing = listing_from_dump(dump)
    except ValueError as error:
        raise ValueError(f"{file}: {error}") from error
    if not listing.uploads:
        raise ValueError(f"{file}: no upload in it could be read")
    return listing


# -- ENRICH: match pending films, refresh identified ones ----------------------------------------


class TmdbKeyMissing(ValueError):
    def __init__(self) -> None:
        super().__init__(
            "TMDB_API_KEY (v3 key) or TMDB_READ_ACCESS_TOKEN (v4 token) is not set; "
            "nothing was changed"
        )


@dataclass
class Enriched:
    refresh: bool
    result: EnrichResult = field(default_factory=EnrichResult)
    refreshed: int = 0
    sent: int | None = None  # distributed, not waited for: batches sent to the workers
    told: list[str] = field(default_factory=list)


def tmdb_configuration_update() -> None:
    """TMDB's image base URL and sizes, fetched once per run; it also proves the key before
    any work (TmdbAuthError)."""
    with tmdb_client() as client:
        tmdb_configuration_refresh(client=client)


def movies_enrich_run(
    *, refresh: bool = False, wait: bool = True, progress: Report = _ignore
) -> Enriched:
    """Match every pending film on TMDB (or, with `refresh`, fetch fresh details for the
    identified films that are due). TmdbKeyMissing before anything is done without a key;
    a TmdbError stops the run (what is done stays done)."""
    if not (settings.TMDB_API_KEY or settings.TMDB_READ_ACCESS_TOKEN):
        raise TmdbKeyMissing
    enriched = Enriched(refresh=refresh)
    if settings.BROKER_URL:
        _movies_enrich_distributed(enriched, wait=wait, progress=progress)
    else:
        with tmdb_client() as client:
            tmdb_configuration_refresh(client=client)
            if refresh:
                enriched.refreshed = movies_refresh_batch(client=client)
            else:
                enriched.result = _movies_enrich_here(client, progress)
    enriched.told = pipeline_finished()
    return enriched


def _movies_enrich_here(client: TmdbClient, progress: Report) -> EnrichResult:
    label, total, answered = "Matching on TMDB", Movie.objects.needing_enrichment().count(), 0

    def requests() -> str:
        sent = client.stats.requests
        return f"{sent} TMDB request{'s' if sent != 1 else ''}"

    def tell(answers: int) -> None:
        nonlocal answered
        answered += answers  # films are counted as TMDB answers for them, in any order
        progress(Progress(label, answered, total, requests))

    tell(0)
    return movies_enrich(client=client, progress=tell)


def _movies_enrich_distributed(enriched: Enriched, *, wait: bool, progress: Report) -> None:
    from whichmovie.catalog import tasks

    if enriched.refresh:
        batch_ids, kind, actor = movies_refresh_send(), "refresh", tasks.refresh_batch
        label = "Refreshing on TMDB"
    else:
        batch_ids, kind, actor = movies_enrich_send(), "enrich", tasks.enrich_batch
        label = "Matching on TMDB (workers)"
    if not wait:
        enriched.sent = len(batch_ids)
        return
    batches_wait(batch_ids, kind=kind, label=label, resend=actor.send, progress=progress)
    counts = batches_counts(batch_ids)
    enriched.refreshed = counts.get("refreshed", 0)
    enriched.result = EnrichResult(**{f.name: counts.get(f.name, 0) for f in fields(EnrichResult)})


def movies_enrich_send() -> list[int]:
    """Distributed enrichment (the 02:00 schedule, `whichmovie enrich` with BROKER_URL): TMDB's
    image configuration refreshed as the embedded run does, the pending films planned into
    batches, one message per batch."""
    from whichmovie.catalog.tasks import enrich_batch

    tmdb_configuration_update()
    pending = Movie.objects.needing_enrichment()
    movies_split_groups(queryset=pending)  # an unidentified group years apart: two movies
    batch_ids = batches_plan(kind="enrich", movie_ids=pending.values_list("pk", flat=True))
    for batch_id in batch_ids:
        enrich_batch.send(batch_id)
    return batch_ids


def movies_refresh_send() -> list[int]:
    """Distributed refresh: like `movies_enrich_send`, over the identified films due."""
    from whichmovie.catalog.tasks import refresh_batch

    tmdb_configuration_update()
    batch_ids = refresh_batches_plan()
    for batch_id in batch_ids:
        refresh_batch.send(batch_id)
    return batch_ids


# -- waiting for the workers ---------------------------------------------------------------------


def batches_wait(
    batch_ids: Sequence[int],
    *,
    kind: str,
    label: str,
    resend: Callable[[int], object],
    progress: Report = _ignore,
) -> None:
    """Wait until every batch is done; batches whose worker died are sent again meanwhile."""
    last_done, moved_at, warned = -1, time.monotonic(), False
    while True:
        state = batches_progress(batch_ids)
        progress(Progress(label, state.movies_done, state.movies_total))
        if state.done >= state.total:
            return
        if state.done != last_done:
            last_done, moved_at = state.done, time.monotonic()
        elif not warned and time.monotonic() - moved_at > STALLED_SECONDS:
            warned = True
            logger.warning(
                "no batch finished for %s s: is `whichmovie worker` running?", STALLED_SECONDS
            )
        for batch_id in batches_resend_due(kind=kind, among=batch_ids):
            resend(batch_id)
        time.sleep(POLL_SECONDS)


def messages_wait(
    message_ids: Sequence[str], *, label: str, progress: Report = _ignore
) -> dict[str, object]:
    """Wait until every message ran for good (done, or failed with no retry left)."""
    finished: dict[str, object] = {}
    while True:
        finished.update(job_runs_finished([m for m in message_ids if m not in finished]))
        progress(Progress(label, len(finished), len(message_ids)))
        if len(finished) >= len(message_ids):
            return finished
        time.sleep(POLL_SECONDS)
