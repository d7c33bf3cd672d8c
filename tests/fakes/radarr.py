"""A local HTTP server that plays Radarr's API v3 (the parts "Add to Radarr" uses).

Shapes follow Radarr v3: /api/v3/qualityprofile, /api/v3/rootfolder, /api/v3/movie (list,
?tmdbId= filter, POST), /api/v3/movie/lookup/tmdb?tmdbId=. Every request needs the
X-Api-Key header (401 otherwise, as Radarr answers). `movies` holds what it has.
"""

from __future__ import annotations

import json
import threading
from typing import Any, Self

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

FAKE_RADARR_KEY = "0123456789abcdef0123456789abcdef"


class FakeRadarr:
    def __init__(self, *, known: dict[int, tuple[str, int]] | None = None) -> None:
        # TMDB id -> (title, year) that Radarr's lookup (its TMDB proxy) knows.
        self.known = known or {}
        self.movies: list[dict[str, Any]] = []
        self.log: list[tuple[str, str]] = []
        self.profiles = [
            {"id": 1, "name": "Any", "upgradeAllowed": False, "cutoff": 1, "items": []},
            {"id": 4, "name": "HD-1080p", "upgradeAllowed": True, "cutoff": 7, "items": []},
        ]
        self.folders = [
            {
                "id": 1,
                "path": "/movies/",
                "accessible": True,
                "freeSpace": 1 << 40,
                "unmappedFolders": [],
            },
            {
                "id": 2,
                "path": "/data/films/",
                "accessible": True,
                "freeSpace": 1 << 39,
                "unmappedFolders": [],
            },
        ]
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> Self:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()

    def _json(self, data: Any, status: int = 200) -> Response:
        return Response(json.dumps(data), status=status, content_type="application/json")

    def _lookup(self, tmdb_id: int) -> dict[str, Any] | None:
        if tmdb_id not in self.known:
            return None
        title, year = self.known[tmdb_id]
        return {
            "title": title,
            "originalTitle": title,
            "sortTitle": title.lower(),
            "year": year,
            "tmdbId": tmdb_id,
            "imdbId": f"tt{tmdb_id:07d}",
            "titleSlug": f"{title.lower().replace(' ', '-')}-{tmdb_id}",
            "images": [
                {"coverType": "poster", "remoteUrl": "https://image.tmdb.org/t/p/original/x.jpg"}
            ],
            "monitored": False,
            "hasFile": False,
            "added": "0001-01-01T00:00:00Z",
            "status": "released",
        }

    def _app(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        self.log.append((request.method, request.full_path))
        response = self._handle(request)
        return response(environ, start_response)

    def _handle(self, request: Request) -> Response:
        if request.headers.get("X-Api-Key") != FAKE_RADARR_KEY:
            return self._json({"message": "Unauthorized"}, 401)
        path = request.path
        if path == "/api/v3/qualityprofile":
            return self._json(self.profiles)
        if path == "/api/v3/rootfolder":
            return self._json(self.folders)
        if path == "/api/v3/movie/lookup/tmdb":
            found = self._lookup(int(request.args.get("tmdbId", "0")))
            return self._json(found) if found else self._json({"message": "NotFound"}, 404)
        if path == "/api/v3/movie" and request.method == "GET":
            tmdb_id = request.args.get("tmdbId")
            movies = [m for m in self.movies if tmdb_id is None or m["tmdbId"] == int(tmdb_id)]
            return self._json(movies)
        if path == "/api/v3/movie" and request.method == "POST":
            body = request.get_json()
            if any(m["tmdbId"] == body.get("tmdbId") for m in self.movies):
                return self._json(
                    [
                        {
                            "propertyName": "TmdbId",
                            "errorMessage": "This movie has already been added",
                            "attemptedValue": body.get("tmdbId"),
                            "severity": "error",
                            "errorCode": "MovieExistsValidator",
                        }
                    ],
                    400,
                )
            missing = [
                k
                for k in ("qualityProfileId", "rootFolderPath", "title", "tmdbId")
                if not body.get(k)
            ]
            if missing:
                return self._json(
                    [
                        {"propertyName": k, "errorMessage": f"'{k}' must not be empty."}
                        for k in missing
                    ],
                    400,
                )
            movie = {
                **body,
                "id": len(self.movies) + 1,
                "path": body["rootFolderPath"] + body["title"],
                "added": "2026-12-01T12:00:00Z",
                "hasFile": False,
            }
            self.movies.append(movie)
            return self._json(movie, 201)
        return self._json({"message": "NotFound"}, 404)
