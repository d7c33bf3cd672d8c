from typing import Any

from django.core.management import call_command

from whichmovie.radar.services.pipeline import notifications_after_pipeline

from ._output import WhichMovieCommand
from .enrich import enrich


class Command(WhichMovieCommand):
    help = "Fetch every enabled channel now, then enrich what is new."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="Distributed mode: send the work to the workers and return.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        no_wait = options["no_wait"]
        call_command("fetch", stdout=self.stdout, stderr=self.stderr, no_wait=no_wait)
        enrich(self.stdout, wait=not no_wait)
        self.stdout.write(notifications_after_pipeline())
