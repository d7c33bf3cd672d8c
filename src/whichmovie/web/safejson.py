"""JSON that stays inert wherever it lands.

Titles and overviews come from outside (`<script>` is a fine film title). JSON allows
`<`, `>` and `&` to be written as \\u escapes, so the API, the Radarr list and the API's error
answers write them so: the same data for every JSON reader, and nothing a browser sniffing
the content, a log viewer or an HTML page embedding the answer could take for markup.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.renderers import JSONRenderer

# Inside JSON these characters can only occur in strings, where the escape means the same.
_ESCAPES = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def inert_json(body: str) -> str:
    return body.translate(_ESCAPES)


class InertJSONRenderer(JSONRenderer):
    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return inert_json(super().render(request, data, response_status=response_status))
