"""Dramatiq middleware: every message processed becomes a JobRun row operators can see.

It also claims scheduled runs (a message carrying `scheduled_run=<id>`): a redelivered or
re-sent copy of a run that already started is skipped. Listed before Retries, so its
`after_` hook runs after Retries has decided whether the message will be tried again.
django-dramatiq builds the broker before Django's models are loaded, hence the imports
inside the hooks.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import dramatiq
from django.db import DatabaseError, close_old_connections
from dramatiq.middleware import SkipMessage

logger = logging.getLogger(__name__)


class JobRuns(dramatiq.Middleware):
    def __init__(self) -> None:
        self._runs: dict[str, Any] = {}
        self._lock = threading.Lock()

    def before_process_message(self, broker: dramatiq.Broker, message: Any) -> None:
        from whichmovie.catalog.services.scheduler import scheduled_run_start
        from whichmovie.catalog.services.work import job_run_start

        close_old_connections()
        scheduled = message.kwargs.get("scheduled_run")
        if scheduled is not None and not scheduled_run_start(int(scheduled)):
            raise SkipMessage(f"scheduled run {scheduled} already started")
        try:
            run = job_run_start(
                actor=message.actor_name,
                args=message.args,
                kwargs=message.kwargs,
                message_id=message.message_id,
            )
        except DatabaseError as error:
            logger.warning("job run of %s not recorded: %s", message.actor_name, error)
            return
        with self._lock:
            self._runs[message.message_id] = run

    def after_process_message(
        self,
        broker: dramatiq.Broker,
        message: Any,
        *,
        result: Any = None,
        exception: BaseException | None = None,
    ) -> None:
        from whichmovie.catalog.models import JobRun, ScheduledRun
        from whichmovie.catalog.services.scheduler import scheduled_run_done
        from whichmovie.catalog.services.work import job_run_finish

        with self._lock:
            run = self._runs.pop(message.message_id, None)
        scheduled = message.kwargs.get("scheduled_run")
        try:
            if scheduled is not None:
                if exception is None:
                    scheduled_run_done(int(scheduled))
                else:  # its retry (or the scheduler's re-send) may claim it again
                    ScheduledRun.objects.filter(pk=int(scheduled)).update(started_at=None)
            if run is None:
                return
            if exception is None:
                counts = result if isinstance(result, dict) else {}
                job_run_finish(run, status=JobRun.Status.DONE, counts=counts)
            else:
                status = JobRun.Status.DEAD if message.failed else JobRun.Status.FAILED
                job_run_finish(run, status=status, error=f"{type(exception).__name__}: {exception}")
        except DatabaseError as error:
            logger.warning("job run of %s not recorded: %s", message.actor_name, error)

    def after_skip_message(self, broker: dramatiq.Broker, message: Any) -> None:
        with self._lock:
            self._runs.pop(message.message_id, None)
