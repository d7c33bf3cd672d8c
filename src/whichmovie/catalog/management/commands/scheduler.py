import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError

from whichmovie.catalog.services.scheduler import scheduler_run

from ._output import WhichMovieCommand


class Command(WhichMovieCommand):
    help = (
        "Run the cron schedule (distributed mode). One scheduler is active at a time (a lease "
        "in the database); another one waits and takes over when the active one stops."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.BROKER_URL:
            raise CommandError(
                "BROKER_URL is not set: in embedded mode `whichmovie serve` runs the schedule"
            )
        from whichmovie.catalog.tasks import schedule, sweep

        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write("Starting scheduler (active once it holds the lease)", ending="\n")
        self.stdout.flush()
        scheduler_run(
            jobs=schedule(), stop=stop, extra=sweep, tick_seconds=settings.SCHEDULER_TICK_SECONDS
        )
        self.stdout.write("Scheduler stopped")
