"""Embedded mode: the jobs and the schedule run inside the web process (no broker)."""

import logging
import threading

import dramatiq

from whichmovie.catalog.services.scheduler import scheduler_run

logger = logging.getLogger(__name__)


def start_embedded_jobs() -> dramatiq.Worker:
    """Start a Dramatiq worker on the in-process StubBroker and the schedule's ticks: the
    same actors and the same database claims as a distributed fleet."""
    from whichmovie.catalog.tasks import schedule, sweep

    worker = dramatiq.Worker(dramatiq.get_broker(), worker_threads=2)
    worker.start()
    threading.Thread(
        target=scheduler_run,
        kwargs={"jobs": schedule(), "stop": threading.Event(), "extra": sweep},
        name="scheduler",
        daemon=True,
    ).start()
    logger.info("embedded jobs started: worker and schedule run in this process")
    return worker
