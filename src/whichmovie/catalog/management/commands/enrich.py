from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import CommandError

from whichmovie.catalog.services.runs import Enriched, TmdbKeyMissing, movies_enrich_run
from whichmovie.tmdb.client import TmdbError

from ._output import WhichMovieCommand
from ._progress import progress_bar


def enriched_lines(enriched: Enriched) -> list[str]:
    """What `enrich` and `sync` print of an enrichment run."""
    kind = "refresh" if enriched.refresh else "enrich"
    if enriched.sent is not None:
        summary = f"Sent {enriched.sent} {kind} batches to the workers"
    elif enriched.refresh:
        summary = f"Refreshed {enriched.refreshed} movies"
    else:
        summary = f"Enriched {enriched.result}"
    return [summary, *enriched.told]


@contextmanager
def tmdb_errors() -> Iterator[None]:
    """One clear line on a missing key, a bad key or a dead TMDB."""
    try:
        yield
    except TmdbKeyMissing as error:
        raise CommandError(str(error)) from error
    except TmdbError as error:
        raise CommandError(f"{error}; nothing more was changed") from error


class Command(WhichMovieCommand):
    help = "Match pending movies on TMDB and store their details."
    # Run often, from cron or by hand: Django's system checks (models, admin, the whole
    # URLconf: 0.7 s) would cost more than a quiet check. `serve` and the workers run them.
    requires_system_checks: list[str] = []

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
        with tmdb_errors(), progress_bar() as progress:
            enriched = movies_enrich_run(
                refresh=options["refresh"], wait=not options["no_wait"], progress=progress
            )
        for line in enriched_lines(enriched):
            self.stdout.write(line)
