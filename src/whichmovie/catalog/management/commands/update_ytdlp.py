import importlib.metadata
import importlib.util
import shutil
import subprocess
import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser

from whichmovie.sources.youtube import ytdlp_version

from ._output import WhichMovieCommand


def installer() -> list[str]:
    """Upgrade yt-dlp in the environment WhichMovie runs in: its pip, or uv's."""
    if importlib.util.find_spec("pip") is not None:
        return [sys.executable, "-m", "pip", "install", "--upgrade", "yt-dlp"]
    if uv := shutil.which("uv"):
        return [uv, "pip", "install", "--python", sys.executable, "--upgrade", "yt-dlp"]
    raise CommandError("neither pip nor uv is available to update yt-dlp in this environment")


class Command(WhichMovieCommand):
    help = "Update yt-dlp: YouTube changes its pages often, and an old yt-dlp stops reading them."
    # A short command: Django's system checks (models, admin, the whole URLconf) would take
    # longer than its work. `whichmovie serve` and the workers still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="print the command, run nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        before, released = ytdlp_version()
        command = installer()
        self.stdout.write(
            f"yt-dlp {before} (released {released or 'unknown'}): {' '.join(command)}"
        )
        if options["dry_run"]:
            return
        # A fixed argument list of our own (no shell, no user input).
        completed = subprocess.run(command, check=False)  # noqa: S603
        if completed.returncode:
            raise CommandError(f"updating yt-dlp failed (exit {completed.returncode})")
        after = importlib.metadata.version("yt-dlp")
        if after == before:
            self.stdout.write(f"yt-dlp {before} is the newest available")
        else:
            self.stdout.write(f"yt-dlp {before} -> {after}: restart WhichMovie to use it")
