from typing import Any

from django.core.management.base import CommandError

from whichmovie.catalog.management.commands._output import WhichMovieCommand
from whichmovie.radar.services.follows import FollowError, follow_parse, wants_from

from ._users import user_named


class Command(WhichMovieCommand):
    help = "Follow a film, a channel, a person or a radar search for USER."
    # A short command: Django's system checks (models, admin, the whole URLconf) would take
    # longer than its work. `whichmovie serve` and the workers still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("user", help="the user's username")
        parser.add_argument("what", help="movie=ID, channel=SLUG, person=NAME or a radar query")
        parser.add_argument(
            "--events", default="trailers,releases", help="trailers, releases or both"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["user"])
        try:
            follow = follow_parse(
                user=user, spec=options["what"], wants=wants_from(options["events"])
            )
        except FollowError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{user} follows {follow.get_kind_display()} {follow.label} "
            f"({follow.get_wants_display()})"
        )
