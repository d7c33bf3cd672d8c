from typing import Any

from django.core.management.base import CommandError

from whichmovie.catalog.management.commands._output import WhichMovieCommand
from whichmovie.radar.models import Schedule
from whichmovie.radar.services.notify import TargetError, target_add

from ._users import user_named


class Command(WhichMovieCommand):
    help = "Send USER's radar notifications to an Apprise URL (immediately or as a digest)."
    # A short command: Django's system checks (models, admin, the whole URLconf) would take
    # longer than its work. `whichmovie serve` and the workers still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("user", help="the user's username")
        parser.add_argument("url", help="an Apprise URL: ntfy://, mailto://, discord://, ...")
        parser.add_argument(
            "--digest",
            choices=[Schedule.DAILY, Schedule.WEEKLY],
            help="one message a day or a week instead of one per event",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["user"])
        try:
            target = target_add(
                user=user, url=options["url"], schedule=options["digest"] or Schedule.IMMEDIATE
            )
        except TargetError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{user} is told at {target.display_url} ({target.schedule})")
