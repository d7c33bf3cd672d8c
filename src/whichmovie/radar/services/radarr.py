"""Radarr push: one small client for Radarr's API v3 (RADARR_URL, RADARR_API_KEY).

The pull list (/radarr.json) stays for Radarr's own import lists; this adds one film now,
with the quality profile and root folder chosen once (RadarrConfig).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx2
from django.conf import settings
from django.db import transaction

from whichmovie.catalog.models import Movie
from whichmovie.radar.models import RadarrConfig, RadarrMovie

TIMEOUT_SECONDS = 15
logger = logging.getLogger(__name__)


class RadarrError(Exception):
    """Radarr refused or could not be reached; the message says which, never the key."""


@dataclass(frozen=True)
class RadarrOptions:
    profiles: list[tuple[int, str]]
    folders: list[str]


def radarr_client(*, transport: httpx2.BaseTransport | None = None) -> httpx2.Client:
    if not (settings.RADARR_URL and settings.RADARR_API_KEY):
        raise RadarrError("RADARR_URL and RADARR_API_KEY must both be set")
    return httpx2.Client(
        base_url=settings.RADARR_URL.rstrip("/") + "/api/v3",
        headers={"X-Api-Key": settings.RADARR_API_KEY, "Accept": "application/json"},
        timeout=TIMEOUT_SECONDS,
        transport=transport,
    )


def _call(client: httpx2.Client, method: str, path: str, **kwargs: Any) -> Any:
    try:
        response = client.request(method, path, **kwargs)
    except httpx2.HTTPError as error:
        raise RadarrError(f"Radarr cannot be reached at {settings.RADARR_URL}: {error}") from error
    if response.status_code == 401:
        raise RadarrError("Radarr refused the API key (RADARR_API_KEY)")
    if response.status_code >= 400:
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, list):
            detail = "; ".join(str(item.get("errorMessage", item)) for item in body)
        elif isinstance(body, dict):
            detail = str(body.get("message", body))
        else:
            detail = response.text[:200]
        raise RadarrError(f"Radarr answered {response.status_code}: {detail}")
    return response.json()


def radarr_options(*, client: httpx2.Client) -> RadarrOptions:
    profiles = _call(client, "GET", "/qualityprofile")
    folders = _call(client, "GET", "/rootfolder")
    return RadarrOptions(
        profiles=[(int(p["id"]), str(p["name"])) for p in profiles],
        folders=[str(f["path"]) for f in folders],
    )


def radarr_configure(*, client: httpx2.Client, profile_id: int, root_folder: str) -> RadarrConfig:
    """Check the choice against what Radarr offers, then keep it."""
    options = radarr_options(client=client)
    names = dict(options.profiles)
    if profile_id not in names:
        raise RadarrError(f"Radarr has no quality profile {profile_id}")
    if root_folder not in options.folders:
        raise RadarrError(f"Radarr has no root folder {root_folder!r}")
    config, _ = RadarrConfig.objects.update_or_create(
        pk=1,
        defaults={
            "quality_profile_id": profile_id,
            "quality_profile_name": names[profile_id],
            "root_folder_path": root_folder,
        },
    )
    return config


def radarr_add(*, client: httpx2.Client, movie: Movie, search: bool = True) -> bool:
    """Add the film to Radarr; False when Radarr had it already (then it is only recorded)."""
    if movie.tmdb_id is None:
        raise RadarrError("only films identified on TMDB can go to Radarr")
    config = RadarrConfig.objects.filter(pk=1).first()
    if config is None or config.quality_profile_id is None or not config.root_folder_path:
        raise RadarrError("choose a quality profile and a root folder first")
    existing = _call(client, "GET", "/movie", params={"tmdbId": movie.tmdb_id})
    if existing:
        _remember(movie.tmdb_id, int(existing[0]["id"]))
        return False
    lookup = _call(client, "GET", "/movie/lookup/tmdb", params={"tmdbId": movie.tmdb_id})
    body = {
        **lookup,
        "qualityProfileId": config.quality_profile_id,
        "rootFolderPath": config.root_folder_path,
        "monitored": True,
        "minimumAvailability": "announced",
        "addOptions": {"searchForMovie": search},
    }
    added = _call(client, "POST", "/movie", json=body)
    _remember(movie.tmdb_id, int(added["id"]))
    return True


def _remember(tmdb_id: int, radarr_id: int) -> None:
    RadarrMovie.objects.update_or_create(tmdb_id=tmdb_id, defaults={"radarr_id": radarr_id})


def radarr_sync(*, client: httpx2.Client) -> int:
    """Read Radarr's whole list, so films added in Radarr itself get their badge too."""
    movies = _call(client, "GET", "/movie")
    have = {int(m["tmdbId"]): int(m["id"]) for m in movies if m.get("tmdbId")}
    with transaction.atomic():
        RadarrMovie.objects.exclude(tmdb_id__in=have).delete()
        known = set(RadarrMovie.objects.values_list("tmdb_id", flat=True))
        RadarrMovie.objects.bulk_create(
            [RadarrMovie(tmdb_id=t, radarr_id=r) for t, r in have.items() if t not in known]
        )
    return len(have)


def radarr_badges_refresh() -> int | None:
    """The hourly job: Radarr's list for the badges, when Radarr is set up (None if not).
    Radarr being down is logged, not raised: the badges just stay as they were."""
    if not (settings.RADARR_URL and settings.RADARR_API_KEY):
        return None
    try:
        with radarr_client() as client:
            return radarr_sync(client=client)
    except RadarrError as error:
        logger.warning("Radarr badges not refreshed: %s", error)
        return None
