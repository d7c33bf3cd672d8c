from typing import Any

from django.core.management.base import CommandError

from whichmovie.catalog.management.commands._output import WhichMovieCommand
from whichmovie.radar.models import NotificationTarget
from whichmovie.radar.services.notify import target_test

from ._users import user_named


class Command(WhichMovieCommand):
    help = "Send a test notification to each of USER's targets."
    # A short command: Django's system checks (models, admin, the whole URLconf) would take
    # longer than its work. `whichmovie serve` and the workers still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("user", help="the user's username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["user"])
        targets = list(NotificationTarget.objects.filter(user=user))
        if not targets:
            raise CommandError(f"{user} has no notification target (whichmovie notify first)")
        failed = 0
        for target in targets:
            error = target_test(target=target)
            failed += bool(error)
            self.stdout.write(f"{target.display_url}: {error or 'sent'}")
        if failed:
            raise CommandError(f"{failed} of {len(targets)} targets failed")
