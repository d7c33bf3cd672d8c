"""The progress bars of the long-running commands (fetch, enrich, sync): a module of its own,
so that the short commands start without rich's progress machinery."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.file_proxy import FileProxy
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from ._output import console

if TYPE_CHECKING:  # the services' imports (TMDB, HTTP) stay out of `channels list`
    from whichmovie.catalog.services import runs


@contextmanager
def progress_bar() -> Iterator[runs.Report]:
    """A bar per step of a run (`runs.Progress`), drawn on stderr while the run lasts. Log
    records print above the bars, never through them."""
    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        _NoteColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def report(step: runs.Progress) -> None:
        if step.label not in tasks:
            tasks[step.label] = bars.add_task(step.label, total=step.total, note=step.note)
        bars.update(tasks[step.label], completed=step.done, total=step.total, note=step.note)

    with bars, _logs_above(bars.console):
        yield report


class _NoteColumn(ProgressColumn):
    """A step's note (`runs.Progress.note`), read each time the bar is drawn."""

    def render(self, task: Task) -> Text:
        note = task.fields.get("note")
        return Text(note() if callable(note) else "")


@contextmanager
def _logs_above(bar_console: Console) -> Iterator[None]:
    """The log handlers that write to the terminal go through the bars' console meanwhile,
    which prints each record above the bars (same format, same stream). Not on a pipe or a
    file: no bar is drawn there, and log lines stay exactly as they are."""
    if not bar_console.is_terminal:
        yield
        return
    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if type(handler) is logging.StreamHandler
        and handler.stream in (sys.stderr, sys.__stderr__, bar_console.file)
    ]
    previous = [handler.setStream(FileProxy(bar_console, handler.stream)) for handler in handlers]
    try:
        yield
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)
