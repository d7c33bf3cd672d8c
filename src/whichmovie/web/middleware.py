"""Site-wide response handling."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


def head_without_body(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """Answer HEAD with the headers of GET and no body.

    Django leaves this to the server; gunicorn drops the body but logs a warning for every
    HEAD, which uptime monitors send all day. Listed before CommonMiddleware, so the
    Content-Length it sets still tells the size of the GET body.
    """

    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []  # type: ignore[attr-defined]
            else:
                response.content = b""  # type: ignore[attr-defined]
        return response

    return middleware
