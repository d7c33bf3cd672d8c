import json
import re
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import model_to_dict

from whichmovie.catalog.models import Movie

from ._output import WhichMovieCommand

# Valid JSON, yet readers that split on every Unicode line break (Python's splitlines, many
# editors) would cut a record in two, and C1 controls are terminal escapes: written escaped.
_LINE_BREAKING = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_line_safe(line: str) -> str:
    return _LINE_BREAKING.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def movie_record(movie: Movie) -> dict[str, Any]:
    record = model_to_dict(movie, exclude=["genres"])
    record.update(
        genres=[genre.name for genre in movie.genres.all()],
        created_at=movie.created_at,
        updated_at=movie.updated_at,
        videos=[
            {
                "youtube_id": video.youtube_id,
                "channel": video.channel.slug,
                "youtube_title": video.youtube_title,
                "kind": video.kind,
                # An unknown date's stand-in only orders the listing: it is no date.
                "published_at": video.published_at if video.date_known else None,
            }
            for video in movie.videos.all()
        ],
    )
    return record


class Command(WhichMovieCommand):
    help = "Print every movie as one JSON object per line (JSON Lines), with its videos."
    # A short command: Django's system checks (models, admin, the whole URLconf) would take
    # longer than its work. `whichmovie serve` and the workers still run them.
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        movies = Movie.objects.order_by("pk").prefetch_related("genres", "videos__channel")
        for movie in movies.iterator(chunk_size=500):
            line = json.dumps(movie_record(movie), cls=DjangoJSONEncoder, ensure_ascii=False)
            self.stdout.write(json_line_safe(line))
