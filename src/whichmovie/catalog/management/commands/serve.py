import errno
import os
import socket
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from gunicorn.app.base import BaseApplication

from whichmovie.catalog.services.status import site_warnings

from ._output import WhichMovieCommand


class WhichMovieServer(BaseApplication):  # type: ignore[misc]
    """gunicorn, configured from code: `whichmovie serve` is the production server too."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from whichmovie.wsgi import application

        return application


def _start_jobs(worker: Any) -> None:
    from whichmovie.catalog.jobs import start_embedded_jobs

    start_embedded_jobs()


def close_connections_before_fork() -> None:
    """gunicorn forks its workers from this process: none may inherit its database socket
    (two processes talking on one connection), nor a pool whose threads did not fork."""
    for connection in connections.all(initialized_only=True):
        connection.close()
        if connection.vendor == "postgresql":
            connection.close_pool()  # type: ignore[attr-defined]  # PostgreSQL's wrapper has it


def _check_port_free(host: str, port: int) -> None:
    """Say at once that the port is taken; gunicorn alone retries for many seconds."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as error:
        raise CommandError(f"cannot listen on {host}: {error.strerror}") from error
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise CommandError(f"port {port} is in use, try --port") from error
            raise CommandError(f"cannot listen on {host}:{port}: {error.strerror}") from error


class Command(WhichMovieCommand):
    help = "Run the site (embedded: with the jobs and the schedule in the same process)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "0")),
            help="Web processes (distributed mode; embedded always uses one).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        _check_port_free(options["host"], options["port"])
        embedded = not settings.BROKER_URL
        config: dict[str, Any] = {
            "bind": f"{options['host']}:{options['port']}",
            "worker_class": "gthread",
            "threads": 8,
            "accesslog": "-" if settings.DEBUG else None,
            "errorlog": "-",
            "timeout": 60,
            # gunicorn's control socket is shared per user: two servers would fight over it.
            "control_socket_disable": True,
        }
        if embedded:
            # One process holds the in-memory queue, so the site, jobs and schedule share it.
            config.update(workers=1, post_worker_init=_start_jobs)
        else:
            config.update(workers=options["workers"] or (2 * (os.cpu_count() or 1) + 1))
        # Hashed, compressed static files for whitenoise; quick when nothing changed.
        call_command("collectstatic", interactive=False, verbosity=0)
        mode = "embedded (site + jobs + schedule)" if embedded else "distributed (site only)"
        self.stdout.write(f"WhichMovie on http://{config['bind']}/ - {mode}")
        for warning in site_warnings():  # the status page says the same
            self.stderr.write(f"warning: {warning}")
        close_connections_before_fork()
        WhichMovieServer(config).run()
