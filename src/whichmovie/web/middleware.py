"""Site-wide response handling."""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBadRequest, HttpResponseBase, JsonResponse
from django.middleware.gzip import GZipMiddleware


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


# NUL cannot be sent to PostgreSQL at all, and no parameter of ours holds a control character.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def refuse_control_characters(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """A query string with a control character is a 400 before any view (admin included)
    reads it: parameters go into database queries, and NUL makes PostgreSQL refuse them."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        for name, values in request.GET.lists():
            if _CONTROL.search(name) or any(_CONTROL.search(value) for value in values):
                shown = re.sub(r"[^\w.-]", "?", name[:40])
                message = f"The query parameter {shown!r} must not contain control characters."
                if request.path.startswith("/api/"):  # the API answers its errors in JSON
                    return JsonResponse({"detail": message}, status=400)
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware


class CompressPublicResponses(GZipMiddleware):
    """gzip for what every visitor gets alike (pages, feeds, JSON): a third of the bytes.

    Never for a response that holds a secret next to text a visitor can put in it (BREACH):
    a signed-in visitor's page (their CSRF token, their buttons), or any page that used a
    CSRF token. Those are a few admin and radar pages; the public ones are the traffic.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        user = getattr(request, "user", None)
        # A page that used a CSRF token sends its cookie (Django renews it on every use).
        if settings.CSRF_COOKIE_NAME in response.cookies or (
            user is not None and user.is_authenticated
        ):
            return response
        return super().process_response(request, response)
