"""Shared terminal output for the long-running commands: one rich console, one progress bar."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandParser
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
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # the services' imports (TMDB, HTTP) stay out of `channels list`
    from whichmovie.catalog.services import runs

console = Console(stderr=True)


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


def print_table(table: Table, stdout: Any) -> None:
    """Tables are a command's result: stdout, wide enough not to wrap when piped."""
    Console(file=stdout, width=None if stdout.isatty() else 200).print(table)


# Control characters (ESC starts terminal escape sequences) shown as "?"; newlines kept.
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_text(value: object) -> str:
    """Text from outside data, safe to print on a terminal: no escape sequences."""
    return _CONTROLS.sub("?", str(value))


def cell(value: object) -> Text:
    """A table cell shown as it is: rich would read "[/x]" or "[official trailer]" as markup."""
    return Text(escape_text(value))


class WhichMovieCommand(BaseCommand):
    """The base of every `whichmovie` command: its help shows only its own options. Django's
    (--settings, --pythonpath, --traceback, colours, ...) still work, for debugging."""

    suppressed_base_arguments = {
        "--version",
        "--verbosity",
        "--settings",
        "--pythonpath",
        "--traceback",
        "--no-color",
        "--force-color",
    }

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # The name the user typed: `whichmovie notify-test`, not Django's `notify_test`.
        parser.prog = f"{parser.prog.rsplit(' ', 1)[0]} {subcommand.replace('_', '-')}"
        for action in parser._actions:
            # Added outside add_base_argument, so suppressed_base_arguments misses it.
            if "--skip-checks" in action.option_strings:
                action.help = argparse.SUPPRESS
        return parser
