"""Django's `migrate`, under the database-wide migration lock.

Every way of migrating goes through this command (`whichmovie manage migrate`, the set-up
every `whichmovie` command does first, the test runner), so processes started together on an
empty database, or after an upgrade, take turns instead of creating the same tables at once.
An installed app's command of the same name stands in for Django's own.
"""

from typing import Any

from django.core.management.commands import migrate

from whichmovie.catalog.locks import database_lock


class Command(migrate.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        with database_lock("migrate"):
            super().handle(*args, **options)
