import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from whichmovie.catalog.locks import transaction_lock
from whichmovie.catalog.models import Channel
from whichmovie.catalog.services.channels import channel_fetch, channel_for_listing
from whichmovie.catalog.services.videos import SaveResult, videos_save
from whichmovie.sources.youtube import listing_from_dump

from ._output import progress_bar
from ._wait import wait_for_messages


class Command(BaseCommand):
    help = "Fetch channel uploads: live from YouTube, or from `yt-dlp -J --flat-playlist` dumps."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from-json", nargs="+", metavar="FILE", type=Path, default=[])
        parser.add_argument("--channel", action="append", metavar="SLUG", default=[])
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="Distributed mode: send one check per channel to the workers and return.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["from_json"]:
            self._import_dumps(options["from_json"])
            return
        channels = Channel.objects.filter(enabled=True)
        if options["channel"]:
            channels = Channel.objects.filter(slug__in=options["channel"])
            missing = set(options["channel"]) - set(channels.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"unknown channel: {', '.join(sorted(missing))}")
        if settings.BROKER_URL:
            self._fetch_distributed(list(channels), wait=not options["no_wait"])
            return
        total, failures = SaveResult(), []
        with progress_bar() as bar:
            task = bar.add_task("Fetching channels", total=channels.count())
            for channel in channels:
                outcome = channel_fetch(channel=channel)
                if outcome.error:
                    failures.append(f"{channel.slug}: {outcome.error}")
                elif outcome.result:
                    total += outcome.result
                bar.advance(task)
        for failure in failures:
            self.stderr.write(failure)
        self.stdout.write(f"Fetched {channels.count()} channels: {total}, {len(failures)} failed")

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
        total = SaveResult()
        for file in files:
            try:
                dump = json.loads(file.read_text(encoding="utf-8"))
                listing = listing_from_dump(dump)
            except OSError as error:
                raise CommandError(f"cannot read {file}: {error.strerror}") from error
            except json.JSONDecodeError as error:
                raise CommandError(f"{file} is not valid JSON: {error}") from error
            except ValueError as error:
                raise CommandError(f"{file}: {error}") from error
            with transaction.atomic():
                transaction_lock("videos-save")  # two imports of a new channel's dump at once
                channel = channel_for_listing(listing=listing)
                result = videos_save(channel=channel, uploads=listing.uploads, exact_dates=False)
            self.stdout.write(f"{file.name} -> {channel.name}: {result}")
            total += result
        self.stdout.write(f"Imported {len(files)} file(s): {total}")
