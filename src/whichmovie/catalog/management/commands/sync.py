from typing import Any

from django.core.management import call_command

from whichmovie.radar.services.pipeline import notifications_after_pipeline

from ._output import WhichMovieCommand
from .enrich import enrich


class Command(WhichMovieCommand):
    help = "Fetch every enabled channel now, then enrich what is new."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("fetch", stdout=self.stdout, stderr=self.stderr)
        enrich(self.stdout)
        self.stdout.write(notifications_after_pipeline())
