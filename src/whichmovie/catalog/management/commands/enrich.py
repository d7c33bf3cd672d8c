from typing import Any

from django.conf import settings
from django.core.management.base import CommandError

from whichmovie.catalog.models import Movie
from whichmovie.catalog.services.enrichment import (
    movies_enrich,
    movies_refresh,
    tmdb_client,
    tmdb_configuration_refresh,
)
from whichmovie.radar.services.pipeline import notifications_after_pipeline
from whichmovie.tmdb.client import TmdbError

from ._output import WhichMovieCommand, progress_bar


def enrich(stdout: Any, *, refresh: bool = False) -> None:
    """Shared by `enrich` and `sync`: one clear line on a bad key or a dead TMDB."""
    if not (settings.TMDB_API_KEY or settings.TMDB_READ_ACCESS_TOKEN):
        raise CommandError(
            "TMDB_API_KEY (v3 key) or TMDB_READ_ACCESS_TOKEN (v4 token) is not set; "
            "nothing was changed"
        )
    try:
        with tmdb_client() as client:
            tmdb_configuration_refresh(client=client)  # also proves the key before any work
            if refresh:
                count = movies_refresh(client=client, queryset=Movie.objects.needing_refresh())
                stdout.write(f"Refreshed {count} movies")
                return
            pending = Movie.objects.needing_enrichment().count()
            with progress_bar() as bar:
                task = bar.add_task("Matching on TMDB", total=pending)
                result = movies_enrich(client=client, progress=lambda n: bar.advance(task, n))
    except TmdbError as error:
        raise CommandError(f"{error}; nothing more was changed") from error
    stdout.write(f"Enriched {result}")


class Command(WhichMovieCommand):
    help = "Match pending movies on TMDB and store their details."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--refresh", action="store_true", help="Refresh identified films that are due."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        enrich(self.stdout, refresh=options["refresh"])
        self.stdout.write(notifications_after_pipeline())
