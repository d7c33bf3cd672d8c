"""`whichmovie ...`: a thin front over the management commands.

Every command prepares the database first (migrations, the original channels), so the
embedded default needs no separate set-up step.
"""

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

COMMANDS = {
    "serve": "serve",
    "sync": "sync",
    "fetch": "fetch",
    "enrich": "enrich",
    "parse-titles": "parse_titles",
    "export": "export",
    "channels": "channels",
    "update-ytdlp": "update_ytdlp",
    "worker": "worker",
    "scheduler": "scheduler",
    "follow": "follow",
    "notify": "notify",
    "notify-test": "notify_test",
}

USAGE = """usage: whichmovie COMMAND [options]

  serve [--host H] [--port P]   run the site (embedded: with the jobs and the schedule)
  sync                          fetch every enabled channel now, then enrich
  fetch [--from-json FILE]      fetch channels, or import `yt-dlp -J --flat-playlist` dumps
  enrich                        match pending movies on TMDB
  parse-titles [--channel SLUG] parse upload titles from stdin, print JSON lines
  export                        print every movie as JSON lines
  channels ...                  list, add, remove, enable, disable, preview channels
  update-ytdlp [--dry-run]      update yt-dlp (YouTube changes its pages; restart after)
  worker                        run Dramatiq workers (distributed mode)
  scheduler                     run the cron schedule (distributed mode)
  follow USER WHAT [--events E] follow movie=ID, channel=SLUG, person=NAME or a radar query
  notify USER URL [--digest D]  tell USER through an Apprise URL (daily/weekly digest)
  notify-test USER              send a test notification to USER's targets
  manage ...                    any Django management command

`whichmovie COMMAND --help` shows a command's options.
"""


def prepare_database() -> None:
    """Migrate and add the original channels, under a database-wide lock: web, worker and
    scheduler started together on an empty database (or after an upgrade) take turns."""
    from django.db import connection

    from whichmovie.catalog.locks import database_lock

    with database_lock("migrate"):
        if migrations_unapplied():
            from django.db.migrations.executor import MigrationExecutor

            executor = MigrationExecutor(connection)
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                from django.core.management import call_command

                call_command("migrate", verbosity=0)

        if not original_channels_present():
            from whichmovie.catalog.services.channels import channel_ensure_presets

            channel_ensure_presets()


def original_channels_present() -> bool:
    """One query, so that a start with every original channel in place needs not load the
    channel services (title parsing, matching: a tenth of a second)."""
    from whichmovie.catalog.models import Channel
    from whichmovie.sources.presets import PRESETS

    originals = {preset.slug for preset in PRESETS if preset.enabled}
    return Channel.objects.filter(slug__in=originals).count() == len(originals)


def migrations_unapplied() -> bool:
    """Whether a migration file on disk is not recorded as applied: one query and a directory
    listing per app. Django's own plan imports every migration, a tenth of a second at each
    start; it decides only when this says yes (a squashed migration, say, can look unapplied)."""
    import importlib.util
    import pkgutil

    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(connection).applied_migrations()
    for app in apps.get_app_configs():
        module, _ = MigrationLoader.migrations_module(app.label)
        spec = importlib.util.find_spec(module) if module else None
        if spec is None or spec.submodule_search_locations is None:
            continue  # an app without migrations
        for migration in pkgutil.iter_modules(spec.submodule_search_locations):
            name = migration.name
            if not migration.ispkg and name[0] not in "_~" and (app.label, name) not in applied:
                return True
    return False


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "whichmovie.settings")
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return
    name, rest = args[0], args[1:]
    if name != "manage" and name not in COMMANDS:
        print(f"whichmovie: unknown command {name!r}\n\n{USAGE}", end="", file=sys.stderr)
        sys.exit(2)
    with configuration_errors_in_one_line():
        run(name, rest)


def run(name: str, rest: list[str]) -> None:
    import django
    from django.core.management import execute_from_command_line

    with collector_paused():
        django.setup()
        wants_help = not rest or {"-h", "--help", "help"} & set(rest)
        if name == "manage":
            argv = ["whichmovie manage", *rest]
            # `manage createsuperuser` is the admin's first step: the tables must exist for it.
            prepare = not wants_help and rest[0] not in ("migrate", "makemigrations", "sqlmigrate")
        else:
            # Django shows "<argv[0]> <command>" as the usage line: "whichmovie serve", once.
            argv = ["whichmovie", COMMANDS[name], *rest]
            prepare = "--help" not in rest and "-h" not in rest
        if prepare:
            prepare_database()
    execute_from_command_line(argv)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Start-up allocates much and frees little, so the cyclic garbage collector's passes
    over every new object are wasted work. Paused while Django sets up; what set-up made
    (modules, classes, settings: kept until exit anyway) is then left out of later passes
    and of the collection at exit (gc.freeze). Together a third of `channels list`'s CPU."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


@contextmanager
def configuration_errors_in_one_line() -> Iterator[None]:
    """A mistake in the environment (a value that cannot be read, a database that cannot be
    reached) is one line naming what to fix, not a traceback."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import OperationalError

    try:
        yield
    except ImproperlyConfigured as error:
        print(f"whichmovie: configuration error: {error}", file=sys.stderr)
        sys.exit(2)
    except OperationalError as error:
        from whichmovie.config import mask_url_password

        reason = mask_url_password(str(error).strip().splitlines()[0] if str(error) else "")
        print(f"whichmovie: cannot use the database of DATABASE_URL: {reason}", file=sys.stderr)
        sys.exit(2)
