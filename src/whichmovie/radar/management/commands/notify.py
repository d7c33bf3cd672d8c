from typing import Any

from django.core.management.base import BaseCommand, CommandError

from whichmovie.radar.models import Schedule
from whichmovie.radar.services.notify import TargetError, target_add

from ._users import user_named


class Command(BaseCommand):
    help = "Send USER's radar notifications to an Apprise URL (immediately or as a digest)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("user")
        parser.add_argument("url", help="an Apprise URL: ntfy://, mailto://, discord://, ...")
        parser.add_argument("--digest", choices=[Schedule.DAILY, Schedule.WEEKLY])

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["user"])
        try:
            target = target_add(
                user=user, url=options["url"], schedule=options["digest"] or Schedule.IMMEDIATE
            )
        except TargetError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{user} is told at {target.display_url} ({target.schedule})")
