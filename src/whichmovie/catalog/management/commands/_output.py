"""Shared terminal output of the commands: one rich console and its tables (bars: _progress.py)."""

from __future__ import annotations

import argparse
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console(stderr=True)


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
