"""Distributed mode: commands send fine-grained messages and wait for them with a progress bar.

What is waited on lives in the database (batches, job runs), so waiting survives a broker
restart, and batches whose worker died are sent again while we wait.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from whichmovie.catalog.services.work import (
    batches_progress,
    batches_resend_due,
    job_runs_finished,
)

from ._output import progress_bar

POLL_SECONDS = 0.5
STALLED_SECONDS = 60  # no progress for this long: say what may be wrong, once


def wait_for_batches(
    batch_ids: Sequence[int], *, kind: str, label: str, resend: Callable[[int], object]
) -> None:
    with progress_bar() as bar:
        task = bar.add_task(label, total=batches_progress(batch_ids).movies_total)
        last_done, moved_at, warned = -1, time.monotonic(), False
        while True:
            progress = batches_progress(batch_ids)
            bar.update(task, completed=progress.movies_done)
            if progress.done >= progress.total:
                return
            if progress.done != last_done:
                last_done, moved_at = progress.done, time.monotonic()
            elif not warned and time.monotonic() - moved_at > STALLED_SECONDS:
                warned = True
                bar.console.print(
                    f"no batch finished for {STALLED_SECONDS} s: is `whichmovie worker` running?"
                )
            for batch_id in batches_resend_due(kind=kind, among=batch_ids):
                resend(batch_id)
            time.sleep(POLL_SECONDS)


def wait_for_messages(message_ids: Sequence[str], *, label: str) -> dict[str, object]:
    """Wait until every message ran for good (done, or failed with no retry left)."""
    finished: dict[str, object] = {}
    with progress_bar() as bar:
        task = bar.add_task(label, total=len(message_ids))
        while len(finished) < len(message_ids):
            finished.update(job_runs_finished([m for m in message_ids if m not in finished]))
            bar.update(task, completed=len(finished))
            if len(finished) < len(message_ids):
                time.sleep(POLL_SECONDS)
    return finished
