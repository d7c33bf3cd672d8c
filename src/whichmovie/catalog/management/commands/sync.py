from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from whichmovie.radar.services.pipeline import notifications_after_pipeline

from .enrich import enrich


class Command(BaseCommand):
    help = "Fetch every enabled channel now, then enrich what is new."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("fetch", stdout=self.stdout, stderr=self.stderr)
        enrich(self.stdout)
        self.stdout.write(notifications_after_pipeline())
