import json
import sys
from typing import Any

from whichmovie.catalog.models import Channel
from whichmovie.sources.presets import rules_for
from whichmovie.sources.titles import parse_title

from ._output import WhichMovieCommand
from .export import json_line_safe


class Command(WhichMovieCommand):
    help = "Read one upload title per line on stdin; print one JSON object per line."
    # A short command: Django's system checks (models, admin, the whole URLconf) would take
    # longer than its work. `whichmovie serve` and the workers still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--channel", metavar="SLUG", help="Use this channel's title rules.")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["channel"]
        channel = Channel.objects.filter(slug=slug).first() if slug else None
        rules = rules_for(channel.rules if channel else slug)
        for line in sys.stdin:
            title = line.rstrip("\r\n")
            if not title.strip():
                continue
            parsed = parse_title(title, rules)
            record = {
                "input": title,
                "kind": parsed.kind,
                "title": parsed.title,
                "year": parsed.year,
            }
            self.stdout.write(json_line_safe(json.dumps(record, ensure_ascii=False)))
