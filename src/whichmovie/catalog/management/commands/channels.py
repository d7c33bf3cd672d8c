import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db.models import Count
from rich.table import Column, Table

from whichmovie.catalog.models import Channel
from whichmovie.catalog.schedule import channels_with_last_check
from whichmovie.catalog.services.youtube_status import youtube_health
from whichmovie.sources import youtube
from whichmovie.sources.presets import PRESETS, preset_for_slug

from ._output import WhichMovieCommand, cell, escape_text, print_table


class Command(WhichMovieCommand):
    help = "List, add, remove, enable, disable and preview the channels WhichMovie follows."
    # A short command: Django's system checks (models, admin, the whole URLconf) would take
    # longer than its work. `whichmovie serve` and the workers still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="channels, their schedule and health; and the presets")
        add = actions.add_parser("add", help="follow a channel: a YouTube URL or a preset slug")
        add.add_argument("url", help="a YouTube channel URL or a preset slug")
        add.add_argument("--schedule", help="cron, UTC (default: the preset's, or 03:00 daily)")
        add.add_argument("--depth", type=int, help="uploads read on the first fetch")
        add.add_argument("--rules", help="title rules preset key")
        for name in ("enable", "disable"):
            sub = actions.add_parser(name, help=f"{name} a channel (a preset slug works too)")
            sub.add_argument("slug", help="the channel's slug")
        remove = actions.add_parser("remove", help="stop following a channel and drop its uploads")
        remove.add_argument("slug", help="the channel's slug")
        remove.add_argument("--yes", action="store_true", help="confirm the deletion")
        preview = actions.add_parser("preview", help="how the latest uploads would parse, unsaved")
        preview.add_argument("url", nargs="?", help="channel URL or slug")
        preview.add_argument("--from-json", type=Path, help="a `yt-dlp -J --flat-playlist` dump")
        preview.add_argument("--rules", help="title rules preset key")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _list(self, options: dict[str, Any]) -> None:
        channels = Channel.objects.annotate(uploads=Count("videos")).order_by("slug")
        # The slug is what every other command takes: shown whole, the other columns wrap.
        widest = max((len(slug) for slug in channels.values_list("slug", flat=True)), default=4)
        table = Table(
            Column("slug", min_width=widest, no_wrap=True),
            "name",
            "enabled",
            "schedule",
            "uploads",
            "last check",
            "health",
        )
        for c in channels_with_last_check(channels):
            checked = f"{c.last_checked_at:%Y-%m-%d %H:%M}" if c.last_checked_at else "never"
            table.add_row(
                *map(
                    cell,
                    (
                        c.slug,
                        c.name,
                        "yes" if c.enabled else "no",
                        c.schedule,
                        c.uploads,
                        checked,
                        f"{c.health} (feed failing: read from the listing)"
                        if c.feed_failed_at and c.healthy
                        else c.health,
                    ),
                )
            )
        print_table(table, self.stdout)
        health = youtube_health()
        age = f", released {health.ytdlp_age_days} days ago" if health.ytdlp_age_days else ""
        self.stdout.write(f"yt-dlp {health.ytdlp_version}{age}")
        for warning in health.warnings:
            self.stdout.write(f"warning: {warning}")
        known = set(channels.values_list("slug", flat=True))
        available = [p.slug for p in PRESETS if p.slug not in known]
        if available:
            self.stdout.write(
                f"Presets one command away (whichmovie channels enable SLUG): "
                f"{', '.join(available)}"
            )

    # The channel services are imported by the actions that change channels: they load title
    # parsing and matching, which would double the start-up of `channels list`.

    def _add(self, options: dict[str, Any]) -> None:
        from whichmovie.catalog.services.channels import channel_follow

        try:
            followed = channel_follow(
                url=options["url"],
                schedule=options["schedule"],
                depth=options["depth"],
                rules=options["rules"],
            )
        except (ValueError, youtube.YouTubeError) as error:
            raise CommandError(f"{error}; nothing was added") from error
        channel = followed.channel
        if followed.already:
            self.stdout.write(f"Already following {escape_text(channel.name)} as {channel.slug}")
            return
        self.stdout.write(
            f"Following {escape_text(channel.name)} ({channel.slug}), schedule {channel.schedule}"
        )

    def _set_enabled(self, slug: str, enabled: bool) -> None:
        from whichmovie.catalog.services.channels import channel_set_enabled

        try:
            channel = channel_set_enabled(slug=slug, enabled=enabled)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{escape_text(channel.name)}: {'enabled' if enabled else 'disabled'}")

    def _enable(self, options: dict[str, Any]) -> None:
        self._set_enabled(options["slug"], True)

    def _disable(self, options: dict[str, Any]) -> None:
        self._set_enabled(options["slug"], False)

    def _remove(self, options: dict[str, Any]) -> None:
        channel = Channel.objects.filter(slug=options["slug"]).first()
        if channel is None:
            raise CommandError(f"unknown channel: {options['slug']}")
        uploads = channel.videos.count()
        if not options["yes"]:
            raise CommandError(
                f"removing {channel.slug} deletes its {uploads} uploads; add --yes, "
                f"or use `whichmovie channels disable {channel.slug}` to keep them"
            )
        from whichmovie.catalog.services.channels import channel_remove

        channel_remove(channel=channel)
        self.stdout.write(f"Removed {escape_text(channel.name)} and its {uploads} uploads")

    def _preview(self, options: dict[str, Any]) -> None:
        from whichmovie.catalog.services.channels import channel_latest_uploads, channel_preview

        source = options["url"]
        try:
            if options["from_json"]:
                listing = youtube.listing_from_dump(
                    json.loads(options["from_json"].read_text(encoding="utf-8"))
                )
            elif source:
                known = Channel.objects.filter(slug=source).first()
                preset = preset_for_slug(source)
                url = known.url if known else preset.url if preset else source
                listing = channel_latest_uploads(url=url)
            else:
                raise CommandError("give a channel URL or slug, or --from-json FILE")
        except (OSError, ValueError, RecursionError, youtube.YouTubeError) as error:
            raise CommandError(escape_text(error)) from error
        channel = Channel.objects.filter(slug=source).first() if source else None
        preset = preset_for_slug(source) if source else None
        rules = options["rules"] or (channel.rules if channel else preset.rules if preset else None)
        table = Table("kind", "title", "year", "upload title", title=cell(listing.name or source))
        for upload_title, parsed in channel_preview(listing=listing, rules=rules):
            kind = parsed.kind if parsed.kind != "other" else f"other ({parsed.reason})"
            table.add_row(*map(cell, (kind, parsed.title or "", parsed.year or "", upload_title)))
        print_table(table, self.stdout)
