"""`whichmovie ...`: a thin front over the management commands.

Every command prepares the database first (migrations, the original channels), so the
embedded default needs no separate set-up step.
"""

import os
import sys

COMMANDS = {
    "serve": "serve",
    "sync": "sync",
    "fetch": "fetch",
    "enrich": "enrich",
    "parse-titles": "parse_titles",
    "export": "export",
    "channels": "channels",
    "worker": "worker",
    "scheduler": "scheduler",
}

USAGE = """usage: whichmovie COMMAND [options]

  serve [--host H] [--port P]   run the site (embedded: with the jobs and the schedule)
  sync                          fetch every enabled channel now, then enrich
  fetch [--from-json FILE]      fetch channels, or import `yt-dlp -J --flat-playlist` dumps
  enrich                        match pending movies on TMDB
  parse-titles [--channel SLUG] parse upload titles from stdin, print JSON lines
  export                        print every movie as JSON lines
  channels ...                  list, add, remove, enable, disable, preview channels
  worker                        run Dramatiq workers (distributed mode)
  scheduler                     run the cron schedule (distributed mode)
  manage ...                    any Django management command

`whichmovie COMMAND --help` shows a command's options.
"""


def prepare_database() -> None:
    """Migrate and add the original channels, under a database-wide lock: web, worker and
    scheduler started together on an empty database (or after an upgrade) take turns."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from whichmovie.catalog.locks import database_lock

    with database_lock("migrate"):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            from django.core.management import call_command

            call_command("migrate", verbosity=0)

        from whichmovie.catalog.services.channels import channel_ensure_presets

        channel_ensure_presets()


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "whichmovie.settings")
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return
    from django.core.management import execute_from_command_line

    name, rest = args[0], args[1:]
    if name == "manage":
        execute_from_command_line(["whichmovie manage", *rest])
        return
    if name not in COMMANDS:
        print(f"whichmovie: unknown command {name!r}\n\n{USAGE}", end="", file=sys.stderr)
        sys.exit(2)
    import django

    django.setup()
    if "--help" not in rest and "-h" not in rest:
        prepare_database()
    execute_from_command_line([f"whichmovie {name}", COMMANDS[name], *rest])
