"""PUBLIC_RADAR=false: the whole site asks for a login, except what must stay reachable."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

# Login itself, the admin (its own login), health checks, static files, and the private
# feeds (their token is the credential).
OPEN_PREFIXES = ("/accounts/", "/admin/", "/healthz", "/robots.txt", "/static/", "/my/feed/")


def private_radar(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            not settings.PUBLIC_RADAR
            and not request.path.startswith(OPEN_PREFIXES)
            and not request.user.is_authenticated
        ):
            return redirect_to_login(request.get_full_path())
        return get_response(request)

    return middleware
