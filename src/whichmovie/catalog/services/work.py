"""Work in pieces, claimed in the database: batches of movies with a lease, and job runs.

A message (or an embedded loop) only names a batch; the lease in the database decides who
works on it. Claiming is one conditional UPDATE (`... WHERE lease expired`), so two workers,
a redelivered message, two schedulers or two CLI runs never work on one batch at once. A
worker renews its lease while it records movies; if it dies, the lease runs out and the
batch is sent again (by a waiting command or the scheduler's sweep) and taken by another.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from whichmovie.catalog.locks import transaction_lock
from whichmovie.catalog.models import JobRun, WorkBatch

# JOB_BATCH_SIZE movies per batch (50: ~2.5 s of TMDB requests at 40/s, far below any timeout)
BATCH_SIZE = 50
JOB_RUNS_KEPT_DAYS = 30


def lease_seconds() -> int:
    return int(settings.JOB_LEASE_SECONDS)


def batches_plan(*, kind: str, movie_ids: Iterable[int]) -> list[int]:
    """Cut `movie_ids` into batches of `kind`, leaving out movies already in an open batch.

    Returns every open batch that holds one of `movie_ids` (new or planned before), so a
    second run waits for (or helps with) the first one's batches instead of repeating them.
    """
    wanted = sorted(set(movie_ids))
    with transaction.atomic():
        transaction_lock(f"plan:{kind}")  # two planners would cut the same movies twice
        wanted_set = set(wanted)
        overlapping: list[int] = []
        taken: set[int] = set()
        for pk, ids in WorkBatch.objects.filter(kind=kind, done_at__isnull=True).values_list(
            "pk", "movie_ids"
        ):
            if wanted_set.intersection(ids):
                overlapping.append(pk)
            taken.update(ids)
        free = [pk for pk in wanted if pk not in taken]
        size = int(getattr(settings, "JOB_BATCH_SIZE", BATCH_SIZE))
        new = WorkBatch.objects.bulk_create(
            [
                WorkBatch(kind=kind, movie_ids=free[start : start + size])
                for start in range(0, len(free), size)
            ]
        )
    return sorted(overlapping + [batch.pk for batch in new])


@dataclass(frozen=True)
class Claim:
    batch_id: int
    token: str
    movie_ids: tuple[int, ...]


def _free(now: datetime) -> Q:
    return Q(lease_until__isnull=True) | Q(lease_until__lt=now)


def lease_holder() -> str:
    """The token of one run's leases: every batch the run claims carries it, so the run can
    give back all it holds in one statement, even a claim a shutdown interrupted half-way."""
    return uuid.uuid4().hex


def batch_claim(*, kind: str, holder: str, among: Sequence[int] | None = None) -> Claim | None:
    """Take the first open batch of `kind` (of `among`, when given) nobody holds a lease on."""
    now = timezone.now()
    token = holder
    candidates = WorkBatch.objects.filter(kind=kind, done_at__isnull=True).filter(_free(now))
    if among is not None:
        candidates = candidates.filter(pk__in=list(among))
    with transaction.atomic():
        # PostgreSQL: skip rows another claimer holds; SQLite ignores FOR UPDATE (its
        # IMMEDIATE transaction already serialises writers). The UPDATE's own condition
        # makes the claim safe either way.
        row = (
            candidates.select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", "movie_ids")
            .first()
        )
        if row is None:
            return None
        taken = (
            WorkBatch.objects.filter(pk=row[0], done_at__isnull=True)
            .filter(_free(now))
            .update(
                lease_until=now + timedelta(seconds=lease_seconds()),
                lease_token=token,
                attempts=F("attempts") + 1,
            )
        )
    return Claim(row[0], token, tuple(row[1])) if taken else None


def batch_renew(claim: Claim) -> bool:
    """Extend the lease; False when it was lost (it ran out and another worker took it)."""
    until = timezone.now() + timedelta(seconds=lease_seconds())
    return bool(
        WorkBatch.objects.filter(
            pk=claim.batch_id, lease_token=claim.token, done_at__isnull=True
        ).update(lease_until=until)
    )


def batch_finish(claim: Claim, *, counts: dict[str, int]) -> bool:
    return bool(
        WorkBatch.objects.filter(
            pk=claim.batch_id, lease_token=claim.token, done_at__isnull=True
        ).update(done_at=timezone.now(), lease_until=None, counts=counts)
    )


def batches_release(holder: str) -> None:
    """Give back at once every unfinished batch `holder` claimed (shutdown, TMDB refused the
    key, a crash): the next claimer takes them without waiting for the leases to run out."""
    WorkBatch.objects.filter(lease_token=holder, done_at__isnull=True).update(
        lease_until=None, lease_token=""
    )


def batches_resend_due(*, kind: str, among: Sequence[int] | None = None) -> list[int]:
    """Open batches nobody works on, to be sent again; each is marked as just sent.

    That is a batch whose lease ran out (its worker was killed), or, while no batch of the
    kind is being worked on at all, one never claimed a lease after it was sent (its message
    was lost). A batch merely waiting in a long queue is left alone.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=lease_seconds())
    open_batches = WorkBatch.objects.filter(kind=kind, done_at__isnull=True)
    if among is not None:
        open_batches = open_batches.filter(pk__in=list(among))
    due = Q(lease_until__lt=now)
    if not WorkBatch.objects.filter(kind=kind, done_at__isnull=True, lease_until__gte=now).exists():
        due |= Q(lease_until__isnull=True, created_at__lt=stale)
    with transaction.atomic():
        ids = list(open_batches.filter(due).values_list("pk", flat=True))
        # created_at doubles as "last sent": the next re-send waits another lease period.
        WorkBatch.objects.filter(pk__in=ids).filter(due).update(
            lease_until=None, lease_token="", created_at=now
        )
    return ids


@dataclass(frozen=True)
class BatchProgress:
    done: int
    total: int
    movies_done: int
    movies_total: int


def batches_progress(batch_ids: Sequence[int]) -> BatchProgress:
    rows = list(
        WorkBatch.objects.filter(pk__in=list(batch_ids)).values_list("done_at", "movie_ids")
    )
    done = [ids for finished, ids in rows if finished is not None]
    return BatchProgress(
        done=len(done),
        total=len(rows),
        movies_done=sum(len(ids) for ids in done),
        movies_total=sum(len(ids) for _, ids in rows),
    )


def batches_counts(batch_ids: Sequence[int]) -> dict[str, int]:
    total: dict[str, int] = {}
    for counts in WorkBatch.objects.filter(pk__in=list(batch_ids)).values_list("counts", flat=True):
        for key, value in (counts or {}).items():
            total[key] = total.get(key, 0) + int(value)
    return total


def batches_purge(*, now: datetime | None = None) -> int:
    """Finished batches are only needed while someone may wait on them."""
    cutoff = (now or timezone.now()) - timedelta(days=1)
    return WorkBatch.objects.filter(done_at__lt=cutoff).delete()[0]


# -- job runs ------------------------------------------------------------------------------


def job_run_start(
    *,
    actor: str,
    args: Sequence[Any] = (),
    kwargs: dict[str, Any] | None = None,
    message_id: str = "",
) -> JobRun:
    target = ", ".join(str(a) for a in args)[:200]
    return JobRun.objects.create(
        actor=actor, target=target, args=list(args), kwargs=kwargs or {}, message_id=message_id
    )


def job_run_finish(
    run: JobRun, *, status: str, counts: dict[str, Any] | None = None, error: str = ""
) -> None:
    run.finished_at = timezone.now()
    run.status = status
    run.counts = counts or {}
    run.error = error[:5000]
    run.save(update_fields=["finished_at", "status", "counts", "error"])


def job_runs_recent(*, limit: int = 50, actor: str | None = None) -> list[JobRun]:
    """The newest job runs, for a status page and the admin."""
    runs = JobRun.objects.all()
    if actor:
        runs = runs.filter(actor=actor)
    return list(runs.order_by("-started_at")[:limit])


def job_runs_latest() -> list[JobRun]:
    """The newest run of each job, for the status page (one row per actor, by name)."""
    newest = JobRun.objects.filter(actor=OuterRef("actor")).order_by("-started_at", "-pk")
    return list(JobRun.objects.filter(pk=Subquery(newest.values("pk")[:1])).order_by("actor"))


def job_runs_purge(*, now: datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - timedelta(days=JOB_RUNS_KEPT_DAYS)
    return JobRun.objects.filter(started_at__lt=cutoff).delete()[0]


def job_run_retry(run: JobRun) -> str:
    """Send a recorded job again (the admin's "retry"); returns the new message id.
    A scheduled run's claim is left out: a person asked for this run."""
    import dramatiq

    kwargs = {k: v for k, v in (run.kwargs or {}).items() if k != "scheduled_run"}
    actor = dramatiq.get_broker().get_actor(run.actor)
    return str(actor.send_with_options(args=tuple(run.args or ()), kwargs=kwargs).message_id)


def job_runs_finished(message_ids: Sequence[str]) -> dict[str, JobRun]:
    """The runs that ended for good (done, or failed with no retry left), by message id."""
    ended = JobRun.objects.filter(
        message_id__in=list(message_ids), status__in=[JobRun.Status.DONE, JobRun.Status.DEAD]
    )
    return {run.message_id: run for run in ended}
