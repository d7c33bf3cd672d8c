from dataclasses import fields
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError

from whichmovie.catalog.services.enrichment import (
    EnrichResult,
    movies_enrich,
    movies_refresh_batch,
    tmdb_client,
    tmdb_configuration_refresh,
)
from whichmovie.catalog.services.work import batches_counts
from whichmovie.radar.services.pipeline import notifications_after_pipeline
from whichmovie.tmdb.client import TmdbError

from ._output import WhichMovieCommand, progress_bar
from ._wait import wait_for_batches


def enrich(stdout: Any, *, refresh: bool = False, wait: bool = True) -> None:
    """Shared by `enrich` and `sync`: one clear line on a bad key or a dead TMDB.

    Embedded, the batches are worked on here; with BROKER_URL, one message per batch goes to
    the workers and this waits for them (unless `wait` is False)."""
    if not (settings.TMDB_API_KEY or settings.TMDB_READ_ACCESS_TOKEN):
        raise CommandError(
            "TMDB_API_KEY (v3 key) or TMDB_READ_ACCESS_TOKEN (v4 token) is not set; "
            "nothing was changed"
        )
    try:
        if settings.BROKER_URL:
            _enrich_distributed(stdout, refresh=refresh, wait=wait)
            return
        with tmdb_client() as client:
            tmdb_configuration_refresh(client=client)  # also proves the key before any work
            if refresh:
                count = movies_refresh_batch(client=client)
                stdout.write(f"Refreshed {count} movies")
                return
            from whichmovie.catalog.models import Movie

            pending = Movie.objects.needing_enrichment().count()
            with progress_bar() as bar:
                task = bar.add_task("Matching on TMDB", total=pending)
                result = movies_enrich(client=client, progress=lambda n: bar.advance(task, n))
    except TmdbError as error:
        raise CommandError(f"{error}; nothing more was changed") from error
    stdout.write(f"Enriched {result}")


def _enrich_distributed(stdout: Any, *, refresh: bool, wait: bool) -> None:
    from whichmovie.catalog import tasks

    if refresh:
        batch_ids, kind, actor = tasks.refresh_send(), "refresh", tasks.refresh_batch
    else:
        batch_ids, kind, actor = tasks.enrich_send(), "enrich", tasks.enrich_batch
    if not wait:
        stdout.write(f"Sent {len(batch_ids)} {kind} batches to the workers")
        return
    label = "Refreshing on TMDB" if refresh else "Matching on TMDB (workers)"
    wait_for_batches(batch_ids, kind=kind, label=label, resend=actor.send)
    counts = batches_counts(batch_ids)
    if refresh:
        stdout.write(f"Refreshed {counts.get('refreshed', 0)} movies")
        return
    result = EnrichResult(**{f.name: counts.get(f.name, 0) for f in fields(EnrichResult)})
    stdout.write(f"Enriched {result}")


class Command(WhichMovieCommand):
    help = "Match pending movies on TMDB and store their details."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--refresh", action="store_true", help="Refresh identified films that are due."
        )
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="Distributed mode: send the batches to the workers and return.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        enrich(self.stdout, refresh=options["refresh"], wait=not options["no_wait"])
        self.stdout.write(notifications_after_pipeline())
