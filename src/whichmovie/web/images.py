"""TMDB image URLs: base URL and sizes come from TMDB's /configuration, stored by enrichment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from whichmovie.catalog.models import TmdbConfiguration
from whichmovie.sources.clean import clean_url

# What we ask for when TMDB's configuration lists them (or when we have none yet).
POSTER_WIDTHS = (185, 342, 500, 780)
BACKDROP_WIDTHS = (780, 1280)
DEFAULT_POSTER_WIDTH = 342
DEFAULT_BACKDROP_WIDTH = 1280
LOGO_SIZE = "w92"


@dataclass(frozen=True)
class Picture:
    """Everything an <img> needs: a default src, a srcset and intrinsic size (no layout shift)."""

    src: str
    srcset: str
    width: int
    height: int


@dataclass(frozen=True)
class TmdbImages:
    base_url: str
    poster_sizes: tuple[str, ...]
    backdrop_sizes: tuple[str, ...]

    @classmethod
    def from_configuration(cls, data: dict[str, Any]) -> TmdbImages:
        images: dict[str, Any] = data["images"] if isinstance(data.get("images"), dict) else {}
        # TMDB's answer is outside data: only an http(s) base URL is used for <img> sources.
        base_url = clean_url(images.get("secure_base_url")) or settings.TMDB_IMAGE_BASE_URL
        return cls(
            base_url=base_url if base_url.endswith("/") else base_url + "/",
            poster_sizes=tuple(images.get("poster_sizes") or ()),
            backdrop_sizes=tuple(images.get("backdrop_sizes") or ()),
        )

    @classmethod
    def load(cls) -> TmdbImages:
        """One query; pages call it once per request."""
        configuration = TmdbConfiguration.objects.filter(pk=1).first()
        return cls.from_configuration(configuration.data if configuration else {})

    def url(self, path: str, size: str) -> str:
        return f"{self.base_url}{size}{path}" if path else ""

    def _picture(
        self,
        path: str,
        wanted: tuple[int, ...],
        configured: tuple[str, ...],
        default: int,
        ratio: float,
    ) -> Picture | None:
        if not path:
            return None
        # Without a configuration yet, trust TMDB's long-standing sizes.
        widths = [w for w in wanted if not configured or f"w{w}" in configured] or [default]
        src_width = default if default in widths else widths[-1]
        return Picture(
            src=self.url(path, f"w{src_width}"),
            srcset=", ".join(f"{self.url(path, f'w{w}')} {w}w" for w in widths),
            width=src_width,
            height=round(src_width * ratio),
        )

    def poster(self, path: str) -> Picture | None:
        return self._picture(
            path, POSTER_WIDTHS, self.poster_sizes, DEFAULT_POSTER_WIDTH, ratio=3 / 2
        )

    def backdrop(self, path: str) -> Picture | None:
        return self._picture(
            path, BACKDROP_WIDTHS, self.backdrop_sizes, DEFAULT_BACKDROP_WIDTH, ratio=9 / 16
        )

    def poster_url(self, path: str, size: str = "w500") -> str | None:
        """A single poster URL, for feeds, the API and Radarr."""
        return self.url(path, size) or None

    def logo_url(self, path: str) -> str:
        return self.url(path, LOGO_SIZE)
