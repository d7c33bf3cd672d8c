"""The schedule, kept in the database: one active scheduler by lease, every fire claimed once.

A scheduler ticks every few seconds. The tick takes (or renews) the lease on the one
SchedulerLease row; a standby finds it held and waits, and takes over once the active one
stops renewing it. Then every scheduled job whose cron fired is claimed as a ScheduledRun
row (unique per job and fire time) and sent; a run whose message did not start in time is
sent again. The lease and the claims need only the database, so a broker or Redis outage
only delays sends: the scheduler logs it and goes on ticking.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import DatabaseError, IntegrityError, close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

from whichmovie.catalog.models import ScheduledRun, SchedulerLease
from whichmovie.catalog.schedule import previous_fire_time

logger = logging.getLogger(__name__)

TICK_SECONDS = 10
LEASE_SECONDS = 45  # a standby takes over within this long after the active one died
RESEND_AFTER = timedelta(minutes=10)  # a scheduled run not started by then was lost
MAX_SENDS = 3
FIRST_FIRE_GRACE = timedelta(minutes=10)  # a fresh install runs only what fired just now


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    cron: str
    send: Callable[..., Any]  # sends the job's message; takes scheduled_run=<ScheduledRun id>


def scheduler_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident() % 10000}"


def scheduler_lease_take(*, holder: str, now: datetime) -> bool:
    """Take or renew the lease; False while another live scheduler holds it."""
    with transaction.atomic():
        lease, _ = SchedulerLease.objects.select_for_update().get_or_create(pk=1)
        if lease.holder not in ("", holder) and lease.lease_until and lease.lease_until > now:
            return False
        lease.holder, lease.lease_until, lease.beat_at = (
            holder,
            now + timedelta(seconds=LEASE_SECONDS),
            now,
        )
        lease.save()
    return True


def scheduler_lease_release(*, holder: str) -> None:
    SchedulerLease.objects.filter(pk=1, holder=holder).update(lease_until=None, holder="")


def scheduler_last_beat() -> datetime | None:
    lease = SchedulerLease.objects.filter(pk=1).first()
    return lease.beat_at if lease else None


def scheduled_run_send(job: ScheduledJob, *, now: datetime) -> bool:
    """Claim the job's latest fire and send it, or send it again if its message was lost."""
    fire = previous_fire_time(job.cron, now)
    if fire is None:
        return False
    try:
        with transaction.atomic():
            first_ever = not ScheduledRun.objects.filter(name=job.name).exists()
            run, created = ScheduledRun.objects.get_or_create(
                name=job.name,
                fire_at=fire,
                defaults={"skipped": first_ever and now - fire > FIRST_FIRE_GRACE},
            )
    except IntegrityError:  # another scheduler claimed it between our read and our write
        return False
    if run.skipped or run.done_at or run.started_at or run.sends >= MAX_SENDS:
        return False
    if not created and run.sent_at and run.sent_at > now - RESEND_AFTER:
        return False
    # Claim the send itself, so two schedulers racing on a stale lease send it once.
    claimed = ScheduledRun.objects.filter(
        pk=run.pk, sends=run.sends, started_at__isnull=True
    ).update(sent_at=now, sends=run.sends + 1)
    if not claimed:
        return False
    if run.sends:
        logger.warning("%s of %s was not started: sending it again", job.name, fire)
    try:
        job.send(scheduled_run=run.pk)
    except Exception:
        # The broker is away: forget the send so the next tick tries again.
        ScheduledRun.objects.filter(pk=run.pk).update(sent_at=None, sends=run.sends)
        raise
    return True


def scheduled_run_start(run_id: int, *, now: datetime | None = None) -> bool:
    """The worker's claim on a scheduled run: False when it already ran (a redelivery)."""
    now = now or timezone.now()
    return bool(
        ScheduledRun.objects.filter(pk=run_id, done_at__isnull=True)
        .filter(Q(started_at__isnull=True) | Q(started_at__lt=now - RESEND_AFTER))
        .update(started_at=now)
    )


def scheduled_run_done(run_id: int) -> None:
    ScheduledRun.objects.filter(pk=run_id).update(done_at=timezone.now())


def scheduled_runs_purge(*, now: datetime) -> int:
    return ScheduledRun.objects.filter(fire_at__lt=now - timedelta(days=30)).delete()[0]


def scheduler_tick(
    *, jobs: list[ScheduledJob], holder: str, now: datetime, extra: Callable[[], None] | None
) -> bool:
    """One tick: True when this scheduler is the active one."""
    if not scheduler_lease_take(holder=holder, now=now):
        return False
    for job in jobs:
        try:
            scheduled_run_send(job, now=now)
        except DatabaseError:
            raise
        except Exception as error:  # broker down: log, the next tick sends it
            logger.warning("could not send %s: %s", job.name, error)
    if extra is not None:
        try:
            extra()
        except DatabaseError:
            raise
        except Exception as error:
            logger.warning("scheduler sweep failed: %s", error)
    return True


def scheduler_run(
    *,
    jobs: list[ScheduledJob],
    stop: threading.Event,
    extra: Callable[[], None] | None = None,
    tick_seconds: float = TICK_SECONDS,
) -> None:
    """Tick until `stop` is set. Never exits on a database, broker or Redis error."""
    holder = scheduler_holder()
    state = ""
    try:
        while not stop.is_set():
            try:
                close_old_connections()
                active = scheduler_tick(jobs=jobs, holder=holder, now=timezone.now(), extra=extra)
                new_state = "active" if active else "standby"
            except DatabaseError as error:
                close_old_connections()
                new_state = f"database unreachable ({type(error).__name__})"
            if new_state != state:  # one line per change, not one per tick
                logger.info("scheduler %s: %s", holder, new_state)
                state = new_state
            stop.wait(tick_seconds)
    finally:
        with contextlib.suppress(DatabaseError):
            scheduler_lease_release(holder=holder)
