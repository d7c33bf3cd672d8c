from typing import Any

from whichmovie.catalog.services.runs import channels_check, movies_enrich_run

from ._output import WhichMovieCommand
from ._progress import progress_bar
from .enrich import enriched_lines, tmdb_errors
from .fetch import print_checked


class Command(WhichMovieCommand):
    help = "Fetch every enabled channel now, then enrich what is new."
    # Run often, from cron or by hand: Django's system checks (models, admin, the whole
    # URLconf: 0.7 s) would cost more than a quiet check. `serve` and the workers run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="Distributed mode: send the work to the workers and return.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        wait = not options["no_wait"]
        with progress_bar() as progress:
            checked = channels_check(wait=wait, progress=progress)
        print_checked(self, checked)
        with tmdb_errors(), progress_bar() as progress:
            enriched = movies_enrich_run(wait=wait, progress=progress)
        for line in enriched_lines(enriched):
            self.stdout.write(line)
