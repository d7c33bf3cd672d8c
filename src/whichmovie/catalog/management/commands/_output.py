"""Shared terminal output for the long-running commands: one rich console, one progress bar."""

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

console = Console(stderr=True)


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def print_table(table: Table, stdout: Any) -> None:
    """Tables are a command's result: stdout, wide enough not to wrap when piped."""
    Console(file=stdout, width=None if stdout.isatty() else 200).print(table)
