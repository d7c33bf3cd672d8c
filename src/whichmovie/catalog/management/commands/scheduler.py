from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from ._output import WhichMovieCommand


class Command(WhichMovieCommand):
    help = "Run the cron schedule (distributed mode: one active, the lock is held in Redis)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.BROKER_URL:
            raise CommandError(
                "BROKER_URL is not set: in embedded mode `whichmovie serve` runs the schedule"
            )
        call_command("crontab", no_heartbeat=True)
