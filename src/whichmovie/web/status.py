"""The status page: what a self-hoster checks in the first hour, and a "sync now" for staff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from whichmovie.catalog.deadletters import dead_letter_retry, dead_letters_or_reason
from whichmovie.catalog.services.status import site_status
from whichmovie.catalog.services.work import job_runs_latest
from whichmovie.catalog.services.youtube_status import youtube_health
from whichmovie.tmdb.client import TmdbError
from whichmovie.web.cache import cached_page


@require_safe
@cached_page()  # anonymous visitors share a minute-old page; staff always see it fresh
def status(request: HttpRequest) -> HttpResponse:
    context = {
        "status": site_status(),
        "youtube": youtube_health(),
        "job_runs": job_runs_latest(),
        "dead_letters": dead_letters_or_reason(),
    }
    return render(request, "web/status.html", context)


@require_POST
@staff_member_required
def sync_now(request: HttpRequest) -> HttpResponse:
    """The same actors the schedule sends: one check per enabled channel, then enrichment."""
    from whichmovie.catalog.services.runs import catalog_sync_send  # the broker, lazily

    sent = catalog_sync_send()
    messages.success(
        request,
        f"Sync started: {sent} channel check{'s' if sent != 1 else ''} "
        "now, enrichment in two minutes.",
    )
    return redirect("web:status")


@require_POST
@staff_member_required
def check_tmdb_key(request: HttpRequest) -> HttpResponse:
    """One request to TMDB (its configuration); the verdict is kept for the status page."""
    from whichmovie.catalog.services.runs import tmdb_configuration_update

    try:
        tmdb_configuration_update()
    except TmdbError as error:
        messages.error(request, f"TMDB: {error}")
    else:
        messages.success(request, "TMDB accepted the key.")
    return redirect("web:status")


@require_POST
@staff_member_required
def retry_dead_letter(request: HttpRequest) -> HttpResponse:
    """Send a dead letter again (from the status page or the admin's dead letters page)."""
    message_id = request.POST.get("message_id", "")[:40]
    try:
        dead_letter_retry(message_id)
    except LookupError as error:
        messages.warning(request, str(error))
    except Exception as error:  # the broker is away: say so, the letter stays
        messages.error(request, f"The broker did not answer: {type(error).__name__}")
    else:
        messages.success(request, "Sent again.")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("web:status")
