"""A short command starts without what it does not use (bench/startup.py measures the time).

Each library below costs a command a tenth of a second or more at start-up; one top-level
import in a module the admin, a command or cli.py imports brings it back.
"""

import os
import subprocess
import sys

NOT_AT_START = {
    "yt_dlp",
    "httpx2",
    "feedparser",
    "rapidfuzz",
    "apprise",
    "ninja",
    "pydantic",
    "pyrate_limiter",
    "redis",
    "rich.progress",
    "django_stubs_ext.patch",
    "django.db.migrations.executor",
    "whichmovie.urls",
    "whichmovie.catalog.admin",
    "whichmovie.sources.titles",
    "whichmovie.tmdb.matching",
}
RUN_AND_LIST_MODULES = f"""
import sys
from whichmovie.cli import main
main(["channels", "list"])
print("modules:", " ".join(sorted(set({sorted(NOT_AT_START)!r}) & set(sys.modules))))
"""


def test_channels_list_imports_no_heavy_library_on_an_up_to_date_database(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BROKER_URL")},
        "WHICHMOVIE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "whichmovie.settings",
        "REDIS_URL": "",
    }
    run = [sys.executable, "-c", RUN_AND_LIST_MODULES]
    subprocess.run(run, env=env, check=True, capture_output=True)  # migrates the new database

    second = subprocess.run(run, env=env, check=True, capture_output=True, text=True)

    assert "mubi" in second.stdout
    assert second.stdout.splitlines()[-1].split() == ["modules:"]
