from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from ._output import WhichMovieCommand
from .serve import close_connections_before_fork


class Command(WhichMovieCommand):
    help = "Run Dramatiq workers (distributed mode: needs BROKER_URL)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--processes", type=int, default=2, help="worker processes")
        parser.add_argument("--threads", type=int, default=4, help="threads per process")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.BROKER_URL:
            raise CommandError(
                "BROKER_URL is not set: in embedded mode `whichmovie serve` runs the jobs"
            )
        if not settings.REDIS_URL:
            # Without it every worker would take the whole TMDB limit for itself.
            raise CommandError(
                "REDIS_URL is not set: a RabbitMQ fleet needs Redis for the shared TMDB rate limit"
            )
        close_connections_before_fork()  # rundramatiq execs dramatiq, which forks its workers
        call_command(
            "rundramatiq",
            processes=options["processes"],
            threads=options["threads"],
            # SIGTERM interrupts a batch (it is given back at once); don't wait 10 minutes.
            worker_shutdown_timeout=30_000,
        )
