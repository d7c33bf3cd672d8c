from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from whichmovie.catalog.services.runs import (
    ChannelsChecked,
    DumpsImported,
    UnknownChannel,
    channels_check,
    dumps_import,
)

from ._output import WhichMovieCommand, escape_text
from ._progress import progress_bar

SHOWN_SKIPS = 20  # reasons printed per file; a dump of junk should not scroll the terminal


class Command(WhichMovieCommand):
    help = "Fetch channel uploads: live from YouTube, or from `yt-dlp -J --flat-playlist` dumps."
    # Run often, from cron or by hand: Django's system checks (models, admin, the whole
    # URLconf: 0.7 s) would cost more than a quiet check. `serve` and the workers run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--from-json",
            nargs="+",
            metavar="FILE",
            type=Path,
            default=[],
            help="import `yt-dlp -J --flat-playlist` dumps instead of reading YouTube",
        )
        parser.add_argument(
            "--channel",
            action="append",
            metavar="SLUG",
            default=[],
            help="only this channel (repeat for more; default: every enabled channel)",
        )
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="Distributed mode: send one check per channel to the workers and return.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["from_json"]:
            print_imported(self, dumps_import(files=options["from_json"]))
            return
        try:
            with progress_bar() as progress:
                checked = channels_check(
                    slugs=options["channel"], wait=not options["no_wait"], progress=progress
                )
        except UnknownChannel as error:
            raise CommandError(str(error)) from error
        print_checked(self, checked)


def print_checked(command: BaseCommand, checked: ChannelsChecked) -> None:
    """What `fetch` and `sync` print of a channel check."""
    if checked.sent is not None:
        command.stdout.write(f"Sent {checked.sent} channel checks to the workers")
    else:
        for failure in checked.failures:
            command.stderr.write(escape_text(failure))
        for warning in checked.warnings:
            command.stderr.write(f"warning: {warning}")
        fallbacks = (
            f", {checked.feeds_failed} read from the listing (feed failing)"
            if checked.feeds_failed
            else ""
        )
        command.stdout.write(
            f"Fetched {checked.channels} channels: {checked.saved}, {checked.failed} failed"
            f"{fallbacks}"
        )
    for line in checked.told:
        command.stdout.write(line)


def print_imported(command: BaseCommand, imported: DumpsImported) -> None:
    skipped = 0
    for file in imported.files:
        if file.refused:
            continue
        name = file.file.name
        for reason in file.skipped[:SHOWN_SKIPS]:
            command.stderr.write(escape_text(f"{name}: skipped {reason}"))
        if len(file.skipped) > SHOWN_SKIPS:
            command.stderr.write(f"{name}: skipped {len(file.skipped) - SHOWN_SKIPS} more entries")
        skipped += len(file.skipped)
        channel = file.channel.name if file.channel else ""
        command.stdout.write(
            f"{name} -> {escape_text(channel)}: {file.result}, {len(file.skipped)} entries skipped"
        )
        if file.undated:
            command.stderr.write(
                f"warning: {name}: {file.undated} of {file.uploads} uploads "
                "have no date; they keep the dump's order, below every dated upload, and "
                "show no date until the feed gives one. Dump with dates: yt-dlp -J "
                "--flat-playlist --extractor-args youtubetab:approximate_date URL"
            )
    for file in imported.refused:
        command.stderr.write(escape_text(file.refused))
    files, refused = len(imported.files), len(imported.refused)
    command.stdout.write(
        f"Imported {files - refused} file(s): {imported.saved}, {skipped} entries skipped"
    )
    for line in imported.told:
        command.stdout.write(line)
    if refused:
        raise CommandError(f"{refused} of {files} file(s) refused")
