import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction

from whichmovie.catalog.locks import transaction_lock
from whichmovie.catalog.models import Channel
from whichmovie.catalog.services.channels import channel_fetch, channel_for_listing
from whichmovie.catalog.services.videos import SaveResult, videos_save
from whichmovie.catalog.services.youtube_status import youtube_health
from whichmovie.radar.services.pipeline import notifications_after_pipeline
from whichmovie.sources.youtube import ChannelListing as YouTubeListing
from whichmovie.sources.youtube import listing_from_dump

from ._output import WhichMovieCommand, escape_text, progress_bar
from ._wait import wait_for_messages

SHOWN_SKIPS = 20  # reasons printed per file; a dump of junk should not scroll the terminal


class Command(WhichMovieCommand):
    help = "Fetch channel uploads: live from YouTube, or from `yt-dlp -J --flat-playlist` dumps."

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
            self._import_dumps(options["from_json"])
            self.stdout.write(notifications_after_pipeline())
            return
        channels = Channel.objects.filter(enabled=True)
        if options["channel"]:
            channels = Channel.objects.filter(slug__in=options["channel"])
            missing = set(options["channel"]) - set(channels.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"unknown channel: {', '.join(sorted(missing))}")
        if settings.BROKER_URL:
            self._fetch_distributed(list(channels), wait=not options["no_wait"])
            self.stdout.write(notifications_after_pipeline())
            return
        total, failures, feeds_failed = SaveResult(), [], 0
        with progress_bar() as bar:
            task = bar.add_task("Fetching channels", total=channels.count())
            for channel in channels:
                outcome = channel_fetch(channel=channel)
                feeds_failed += bool(outcome.feed_error)
                if outcome.error:
                    failures.append(f"{channel.slug}: {outcome.error}")
                elif outcome.result:
                    total += outcome.result
                bar.advance(task)
        for failure in failures:
            self.stderr.write(escape_text(failure))
        for warning in youtube_health().warnings:
            self.stderr.write(f"warning: {warning}")
        fallbacks = f", {feeds_failed} read from the listing (feed failing)" if feeds_failed else ""
        self.stdout.write(
            f"Fetched {channels.count()} channels: {total}, {len(failures)} failed{fallbacks}"
        )
        self.stdout.write(notifications_after_pipeline())

    def _fetch_distributed(self, channels: list[Channel], *, wait: bool) -> None:
        """One message per channel check; the workers do them, this waits for their runs."""
        from whichmovie.catalog.tasks import fetch_channel

        message_ids = [fetch_channel.send(channel.pk).message_id for channel in channels]
        if not wait:
            self.stdout.write(f"Sent {len(message_ids)} channel checks to the workers")
            return
        runs = wait_for_messages(message_ids, label="Fetching channels (workers)")
        total, failed = SaveResult(), 0
        for run in runs.values():
            counts = getattr(run, "counts", {}) or {}
            failed += int(counts.get("failed", 0)) or int(getattr(run, "status", "") != "done")
            total += SaveResult(
                *(
                    int(counts.get(k, 0))
                    for k in ("created", "updated", "unchanged", "movies_created")
                )
            )
        self.stdout.write(f"Fetched {len(channels)} channels: {total}, {failed} failed")

    def _import_dumps(self, files: list[Path]) -> None:
        """Each file is imported whole or not at all; a refused file never stops the others."""
        total, refused, skipped = SaveResult(), [], 0
        for file in files:
            try:
                listing = _read_dump(file)
            except ValueError as error:
                refused.append(f"{error}; nothing was imported from it")
                continue
            for reason in listing.skipped[:SHOWN_SKIPS]:
                self.stderr.write(escape_text(f"{file.name}: skipped {reason}"))
            if len(listing.skipped) > SHOWN_SKIPS:
                more = len(listing.skipped) - SHOWN_SKIPS
                self.stderr.write(f"{file.name}: skipped {more} more entries")
            skipped += len(listing.skipped)
            with transaction.atomic():
                transaction_lock("videos-save")  # two imports of a new channel's dump at once
                channel = channel_for_listing(listing=listing)
                result = videos_save(channel=channel, uploads=listing.uploads, exact_dates=False)
            self.stdout.write(
                f"{file.name} -> {escape_text(channel.name)}: {result}, "
                f"{len(listing.skipped)} entries skipped"
            )
            if listing.undated:
                self.stderr.write(
                    f"warning: {file.name}: {listing.undated} of {len(listing.uploads)} uploads "
                    "have no date; they keep the dump's order, below every dated upload, and "
                    "show no date until the feed gives one. Dump with dates: yt-dlp -J "
                    "--flat-playlist --extractor-args youtubetab:approximate_date URL"
                )
            total += result
        for line in refused:
            self.stderr.write(escape_text(line))
        self.stdout.write(
            f"Imported {len(files) - len(refused)} file(s): {total}, {skipped} entries skipped"
        )
        if refused:
            raise CommandError(f"{len(refused)} of {len(files)} file(s) refused")


def _read_dump(file: Path) -> YouTubeListing:
    """The listing of one dump file, or ValueError with one line saying why not."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"cannot read {file}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise ValueError(f"{file} is not UTF-8 text, so not a yt-dlp JSON dump") from error
    try:
        dump = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{file} is not valid JSON ({error})") from error
    except RecursionError as error:
        raise ValueError(f"{file} is JSON nested too deeply to be a yt-dlp dump") from error
    try:
        listing = listing_from_dump(dump)
    except ValueError as error:
        raise ValueError(f"{file}: {error}") from error
    if not listing.uploads:
        raise ValueError(f"{file}: no upload in it could be read")
    return listing
