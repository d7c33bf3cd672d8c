"""Embedded mode: the jobs and the schedule run inside the web process (no broker)."""

import logging
import threading

import dramatiq
from dramatiq_crontab import scheduler

logger = logging.getLogger(__name__)


def start_embedded_jobs() -> dramatiq.Worker:
    """Start a Dramatiq worker on the in-process StubBroker and the cron scheduler."""
    import whichmovie.catalog.tasks  # noqa: F401  (registers the actors and their crons)
    import whichmovie.radar.tasks  # noqa: F401  (the personal radar's notifications)

    worker = dramatiq.Worker(dramatiq.get_broker(), worker_threads=2)
    worker.start()
    threading.Thread(target=scheduler.start, name="scheduler", daemon=True).start()
    logger.info("embedded jobs started: worker and schedule run in this process")
    return worker
